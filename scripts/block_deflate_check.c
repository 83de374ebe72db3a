/* CDeflate's block deflate (Sources/CDeflate/deflate_interpose.c) under the sanitizers, outside
 * Swift: random inputs (empty, exactly one and two blocks, up to 6 MiB) fed in random pieces into
 * random room, finished in small pieces, inflated back and compared; then streams dropped
 * unfinished, as minizip does on a failed write. `make test-sanitize` builds it with
 * -fsanitize=address and with -fsanitize=thread against zlib and runs it.
 *   gcc -O1 -g -fsanitize=thread -rdynamic -ISources/CDeflate/include \
 *       scripts/block_deflate_check.c Sources/CDeflate/deflate_interpose.c -lz -ldl -lpthread */
#include <zlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "deflate_interpose.h"

static unsigned long long st = 88172645463325252ULL;
static unsigned r(unsigned n) { st ^= st << 13; st ^= st >> 7; st ^= st << 17; return (unsigned)(st % n); }

static int dropped_unfinished(void) {
    for (int t = 0; t < 4; t++) {
        deflate_interpose_set_level(1); deflate_interpose_set_threads(1 + t);
        z_stream s; memset(&s, 0, sizeof s);
        deflateInit2(&s, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
        size_t n = (5u << 20) + 123; unsigned char *in = malloc(n); memset(in, 'x', n);
        unsigned char out[65536];
        s.next_in = in; s.avail_in = n;
        while (s.avail_in) { s.next_out = out; s.avail_out = sizeof out; deflate(&s, Z_NO_FLUSH); }
        deflateEnd(&s);
        free(in);
    }
    deflate_interpose_set_level(-1);
    deflate_interpose_set_threads(1);
    return 0;
}

int main(int argc, char **argv) {
    int trials = argc > 1 ? atoi(argv[1]) : 20;
    for (int t = 0; t < trials; t++) {
        size_t n = r(4) == 0 ? r(100) : (size_t)r(6u << 20);
        if (t == 0) n = 1u << 20;
        if (t == 1) n = 2u << 20;
        if (t == 2) n = 0;
        unsigned char *in = malloc(n + 1);
        for (size_t i = 0; i < n; i++) in[i] = (r(3) == 0) ? (unsigned char)r(256) : (unsigned char)("<c r=\"A1\"><v>12</v></c>"[i % 24]);
        int threads = 1 + r(4);
        deflate_interpose_set_level(1); deflate_interpose_set_threads(threads);
        z_stream s; memset(&s, 0, sizeof s);
        long before = deflate_interpose_block_streams();
        if (deflateInit2(&s, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) { puts("init"); return 1; }
        if (deflate_interpose_block_streams() != before + 1) { puts("not parallel"); return 1; }
        size_t cap = n + n / 2 + 4096, outlen = 0; unsigned char *out = malloc(cap);
        size_t pos = 0; int rc;
        while (pos < n) {
            size_t chunk = 1 + r(70000); if (chunk > n - pos) chunk = n - pos;
            s.next_in = in + pos; s.avail_in = chunk;
            while (s.avail_in > 0) {
                unsigned room = 1 + r(70000); if (room > cap - outlen) room = cap - outlen;
                s.next_out = out + outlen; s.avail_out = room;
                rc = deflate(&s, Z_NO_FLUSH);
                if (rc != Z_OK) { printf("deflate rc %d\n", rc); return 1; }
                outlen += room - s.avail_out;
            }
            pos += chunk;
        }
        do {
            unsigned room = 1 + r(5000); if (room > cap - outlen) room = cap - outlen;
            s.next_out = out + outlen; s.avail_out = room;
            rc = deflate(&s, Z_FINISH);
            outlen += room - s.avail_out;
        } while (rc == Z_OK);
        if (rc != Z_STREAM_END) { printf("finish rc %d\n", rc); return 1; }
        if (s.total_in != n || s.total_out != outlen) { puts("totals"); return 1; }
        deflateEnd(&s);
        deflate_interpose_set_level(-1); deflate_interpose_set_threads(1);
        z_stream d; memset(&d, 0, sizeof d); inflateInit2(&d, -15);
        unsigned char *back = malloc(n + 1);
        d.next_in = out; d.avail_in = outlen; d.next_out = back; d.avail_out = n + 1;
        rc = inflate(&d, Z_FINISH);
        if (rc != Z_STREAM_END || d.total_out != n || memcmp(back, in, n) != 0) { printf("roundtrip rc %d n %zu got %lu\n", rc, n, d.total_out); return 1; }
        inflateEnd(&d);
        free(in); free(out); free(back);
    }
    if (dropped_unfinished() != 0) return 1;
    printf("block deflate: %d streams round-tripped, 4 dropped unfinished\n", trials);
    return 0;
}
