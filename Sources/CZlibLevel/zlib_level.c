#define _GNU_SOURCE
#include "zlib_level.h"
#include <dlfcn.h>
#include <stdatomic.h>

/* zlib's declarations, copied rather than included so the target needs no zlib headers. */
typedef void *z_streamp_opaque;
typedef int (*deflate_init2_fn)(z_streamp_opaque, int, int, int, int, int, const char *, int);

#define Z_STREAM_ERROR (-2)

static _Thread_local int requested_level = -1;
static atomic_long streams = 0;
static deflate_init2_fn real_deflate_init2;

__attribute__((constructor)) static void resolve_real(void) {
    real_deflate_init2 = (deflate_init2_fn)dlsym(RTLD_NEXT, "deflateInit2_");
}

void zlib_level_set_for_thread(int level) {
    requested_level = (level >= 0 && level <= 9) ? level : -1;
}

long zlib_level_interposed_streams(void) { return atomic_load(&streams); }

int deflateInit2_(z_streamp_opaque strm, int level, int method, int windowBits, int memLevel,
                  int strategy, const char *version, int stream_size) {
    if (real_deflate_init2 == 0) resolve_real();
    if (real_deflate_init2 == 0) return Z_STREAM_ERROR;
    atomic_fetch_add(&streams, 1);
    if (requested_level >= 0) level = requested_level;
    return real_deflate_init2(strm, level, method, windowBits, memLevel, strategy, version, stream_size);
}
