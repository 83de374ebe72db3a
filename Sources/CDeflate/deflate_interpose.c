#define _GNU_SOURCE
#include "deflate_interpose.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* zlib's declarations, copied rather than included so the target needs no zlib headers
 * (z_stream's layout is zlib's stable ABI). */
typedef struct {
    const unsigned char *next_in;
    unsigned int avail_in;
    unsigned long total_in;
    unsigned char *next_out;
    unsigned int avail_out;
    unsigned long total_out;
    const char *msg;
    void *state;
    void *zalloc;
    void *zfree;
    void *opaque;
    int data_type;
    unsigned long adler;
    unsigned long reserved;
} z_stream_abi;

typedef int (*deflate_init2_fn)(void *, int, int, int, int, int, const char *, int);
typedef int (*deflate_fn)(void *, int);
typedef int (*deflate_end_fn)(void *);
typedef int (*deflate_set_dictionary_fn)(void *, const unsigned char *, unsigned int);

#define Z_OK 0
#define Z_STREAM_END 1
#define Z_STREAM_ERROR (-2)
#define Z_MEM_ERROR (-4)
#define Z_BUF_ERROR (-5)
#define Z_SYNC_FLUSH 2
#define Z_FINISH 4
#define Z_DEFLATED 8

static _Thread_local int requested_level = -1;
static _Thread_local int requested_threads = 1;
static atomic_long streams = 0;
static atomic_long block_streams = 0;
static deflate_init2_fn real_deflate_init2;
static deflate_fn real_deflate;
static deflate_end_fn real_deflate_end;
static deflate_set_dictionary_fn real_set_dictionary;
static const char *zlib_version_seen;

__attribute__((constructor)) static void resolve_real(void) {
    real_deflate_init2 = (deflate_init2_fn)dlsym(RTLD_NEXT, "deflateInit2_");
    real_deflate = (deflate_fn)dlsym(RTLD_NEXT, "deflate");
    real_deflate_end = (deflate_end_fn)dlsym(RTLD_NEXT, "deflateEnd");
    real_set_dictionary = (deflate_set_dictionary_fn)dlsym(RTLD_NEXT, "deflateSetDictionary");
}

void deflate_interpose_set_level(int level) {
    requested_level = (level >= 0 && level <= 9) ? level : -1;
}

void deflate_interpose_set_threads(int threads) {
    requested_threads = threads < 1 ? 1 : (threads > 16 ? 16 : threads);
}

long deflate_interpose_streams(void) { return atomic_load(&streams); }

long deflate_interpose_block_streams(void) { return atomic_load(&block_streams); }

/* ---------------------------------------------------------------------------------------------
 * Parallel deflate, as pigz does it: the input is cut into blocks of BLOCK bytes; each block is
 * deflated on its own (primed with the 32 KiB before it as dictionary, so matches reach back as
 * in one stream) and ends on a byte boundary (Z_SYNC_FLUSH; the last with Z_FINISH), so the
 * blocks' output put end to end is one valid raw deflate stream. Blocks are cut by input offset
 * only, so the bytes depend neither on which thread finished first nor on how many threads there
 * are (one, or none to be had: each block is deflated on the caller's thread as it fills). The
 * caller's thread otherwise only copies input in and output out, in order; at most 2 × threads
 * blocks are held at once.
 * ------------------------------------------------------------------------------------------- */

#define BLOCK (1u << 20)
#define WINDOW 32768u

typedef struct job {
    unsigned char *in;
    size_t in_len;
    unsigned char dict[WINDOW];
    size_t dict_len;
    int last;
    unsigned char *out;
    size_t out_len;
    size_t emitted;
    int done, failed;
    struct job *next;
} job;

typedef struct pstream {
    void *strm;
    int level, mem_level, strategy, threads;
    pthread_mutex_t lock;
    pthread_cond_t work, progress;
    job *head, *tail;      /* submitted, in stream order, until emitted */
    job *todo;             /* first submitted job no worker has taken */
    job *filling;          /* the block taking input */
    int held;              /* jobs submitted and not yet emitted */
    pthread_t workers[16];
    int started;
    int stop, finishing, failed;
    unsigned char window[WINDOW]; /* the last WINDOW bytes of input before `filling` */
    size_t window_len;
    struct pstream *next_stream;
} pstream;

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static pstream *registry;
/* Streams in the registry: deflate looks there only when there are any. */
static atomic_int registered = 0;

static pstream *find_stream(void *strm) {
    pthread_mutex_lock(&registry_lock);
    pstream *p = registry;
    while (p && p->strm != strm) p = p->next_stream;
    pthread_mutex_unlock(&registry_lock);
    return p;
}

/* Deflates one block with a stream of its own; `out` sized by growing as needed. */
static void compress_job(pstream *p, job *j) {
    z_stream_abi s;
    memset(&s, 0, sizeof s);
    if (real_deflate_init2(&s, p->level, Z_DEFLATED, -15, p->mem_level, p->strategy, zlib_version_seen,
                           (int)sizeof s) != Z_OK) {
        j->failed = 1;
        return;
    }
    if (j->dict_len && real_set_dictionary(&s, j->dict, (unsigned int)j->dict_len) != Z_OK) j->failed = 1;
    size_t cap = j->in_len + j->in_len / 8 + 1024;
    j->out = malloc(cap);
    if (!j->out) j->failed = 1;
    s.next_in = j->in;
    s.avail_in = (unsigned int)j->in_len;
    int flush = j->last ? Z_FINISH : Z_SYNC_FLUSH;
    while (!j->failed) {
        s.next_out = j->out + s.total_out;
        s.avail_out = (unsigned int)(cap - s.total_out);
        int rc = real_deflate(&s, flush);
        if (rc == Z_STREAM_END) break;
        if (rc != Z_OK && rc != Z_BUF_ERROR) { j->failed = 1; break; }
        if (s.avail_out > 0 && s.avail_in == 0 && !j->last) break; /* flushed: all out */
        unsigned char *grown = realloc(j->out, cap * 2);
        if (!grown) { j->failed = 1; break; }
        j->out = grown;
        cap *= 2;
    }
    j->out_len = s.total_out;
    real_deflate_end(&s);
    free(j->in);
    j->in = NULL;
}

static void *worker(void *arg) {
    pstream *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->stop && !p->todo) pthread_cond_wait(&p->work, &p->lock);
        if (p->stop) break; /* deflateEnd: jobs not taken are freed there */
        job *j = p->todo;
        p->todo = j->next;
        pthread_mutex_unlock(&p->lock);
        compress_job(p, j);
        pthread_mutex_lock(&p->lock);
        j->done = 1;
        pthread_cond_broadcast(&p->progress);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static job *new_job(pstream *p) {
    job *j = calloc(1, sizeof *j);
    if (!j) return NULL;
    j->in = malloc(BLOCK);
    if (!j->in) { free(j); return NULL; }
    memcpy(j->dict, p->window, p->window_len);
    j->dict_len = p->window_len;
    return j;
}

/* Hands the filling block to the workers (or, a stream's only block, deflates it here). */
static int submit(pstream *p, int last) {
    job *j = p->filling;
    p->filling = NULL;
    j->last = last;
    /* The next block's dictionary: the last WINDOW bytes of input so far. */
    if (j->in_len >= WINDOW) {
        memcpy(p->window, j->in + j->in_len - WINDOW, WINDOW);
        p->window_len = WINDOW;
    } else {
        size_t keep = p->window_len + j->in_len > WINDOW ? WINDOW - j->in_len : p->window_len;
        memmove(p->window, p->window + p->window_len - keep, keep);
        memcpy(p->window + keep, j->in, j->in_len);
        p->window_len = keep + j->in_len;
    }
    if (!p->started && last && !p->head) {
        /* A part smaller than one block: no thread for it. */
        compress_job(p, j);
        j->done = 1;
        p->head = p->tail = j;
        p->held = 1;
        return j->failed ? -1 : 0;
    }
    pthread_mutex_lock(&p->lock);
    if (!p->started && p->threads <= 1) p->started = -1; /* asked for no thread */
    if (!p->started) {
        int made = 0;
        for (int i = 0; i < p->threads; i++) {
            if (pthread_create(&p->workers[made], NULL, worker, p) == 0) made++;
        }
        p->started = made;
        if (made == 0) p->started = -1; /* none could be started: deflate here */
    }
    if (p->tail) p->tail->next = j; else p->head = j;
    p->tail = j;
    if (!p->todo) p->todo = j;
    p->held++;
    pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->lock);
    if (p->started < 0) {
        /* No worker: do the job now, on this thread. */
        pthread_mutex_lock(&p->lock);
        p->todo = NULL;
        pthread_mutex_unlock(&p->lock);
        compress_job(p, j);
        j->done = 1;
    }
    return 0;
}

/* Copies finished output, in order, to the caller; waits for the head block when `wait`. */
static void emit(pstream *p, z_stream_abi *strm, int wait) {
    while (strm->avail_out > 0) {
        pthread_mutex_lock(&p->lock);
        job *j = p->head;
        if (j && !j->done && wait) {
            while (!j->done) pthread_cond_wait(&p->progress, &p->lock);
        }
        int ready = j && j->done;
        pthread_mutex_unlock(&p->lock);
        if (!ready) return;
        if (j->failed) { p->failed = 1; return; }
        size_t n = j->out_len - j->emitted;
        if (n > strm->avail_out) n = strm->avail_out;
        memcpy(strm->next_out, j->out + j->emitted, n);
        strm->next_out += n;
        strm->avail_out -= (unsigned int)n;
        strm->total_out += n;
        j->emitted += n;
        if (j->emitted == j->out_len) {
            pthread_mutex_lock(&p->lock);
            p->head = j->next;
            if (!p->head) p->tail = NULL;
            p->held--;
            pthread_mutex_unlock(&p->lock);
            free(j->out);
            free(j);
        }
    }
}

static int parallel_deflate(pstream *p, z_stream_abi *strm, int flush) {
    if (p->failed) return Z_STREAM_ERROR;
    emit(p, strm, 0);
    while (strm->avail_in > 0 && !p->finishing) {
        if (!p->filling) {
            if (p->held >= 2 * p->threads) {
                /* Enough blocks in hand: pass one on before taking more input, and never wait
                 * while the caller has no room (it empties its buffer and calls again). */
                if (strm->avail_out == 0) return Z_OK;
                emit(p, strm, 1);
                if (p->failed) return Z_STREAM_ERROR;
                continue;
            }
            p->filling = new_job(p);
            if (!p->filling) { p->failed = 1; return Z_MEM_ERROR; }
        }
        size_t take = BLOCK - p->filling->in_len;
        if (take > strm->avail_in) take = strm->avail_in;
        memcpy(p->filling->in + p->filling->in_len, strm->next_in, take);
        p->filling->in_len += take;
        strm->next_in += take;
        strm->avail_in -= (unsigned int)take;
        strm->total_in += take;
        if (p->filling->in_len == BLOCK && submit(p, 0) != 0) { p->failed = 1; return Z_STREAM_ERROR; }
    }
    if (flush == Z_FINISH && strm->avail_in == 0 && !p->finishing) {
        if (!p->filling) {
            p->filling = new_job(p);
            if (!p->filling) { p->failed = 1; return Z_MEM_ERROR; }
        }
        if (submit(p, 1) != 0) { p->failed = 1; return Z_STREAM_ERROR; }
        p->finishing = 1;
    }
    if (flush == Z_FINISH && p->finishing) {
        emit(p, strm, 1);
        if (p->failed) return Z_STREAM_ERROR;
        pthread_mutex_lock(&p->lock);
        int all_out = p->head == NULL;
        pthread_mutex_unlock(&p->lock);
        return all_out ? Z_STREAM_END : Z_OK;
    }
    return p->failed ? Z_STREAM_ERROR : Z_OK;
}

static void free_stream(pstream *p) {
    pthread_mutex_lock(&p->lock);
    p->stop = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->started; i++) pthread_join(p->workers[i], NULL);
    for (job *j = p->head; j;) {
        job *next = j->next;
        free(j->in);
        free(j->out);
        free(j);
        j = next;
    }
    if (p->filling) { free(p->filling->in); free(p->filling); }
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->work);
    pthread_cond_destroy(&p->progress);
    free(p);
}

/* ---------------------------------------------------------------------------------------------
 * The interposed entry points.
 * ------------------------------------------------------------------------------------------- */

int deflateInit2_(void *strm, int level, int method, int windowBits, int memLevel, int strategy,
                  const char *version, int stream_size) {
    if (real_deflate_init2 == 0) resolve_real();
    if (real_deflate_init2 == 0) return Z_STREAM_ERROR;
    atomic_fetch_add(&streams, 1);
    if (requested_level >= 0) level = requested_level;
    /* Raw deflate (minizip's, for the parts of the .xlsx) on a thread that asked for a level:
     * in blocks, on as many threads as it asked for — one (none started) gives the same bytes. */
    if (requested_level >= 0 && windowBits < 0 && method == Z_DEFLATED
        && real_deflate && real_deflate_end && real_set_dictionary
        && stream_size == (int)sizeof(z_stream_abi)) {
        pstream *p = calloc(1, sizeof *p);
        if (p) {
            z_stream_abi *s = strm;
            p->strm = strm;
            p->level = level;
            p->mem_level = memLevel;
            p->strategy = strategy;
            p->threads = requested_threads;
            pthread_mutex_init(&p->lock, NULL);
            pthread_cond_init(&p->work, NULL);
            pthread_cond_init(&p->progress, NULL);
            zlib_version_seen = version;
            s->total_in = s->total_out = 0;
            s->msg = NULL;
            s->state = NULL;
            s->adler = 0;
            s->data_type = 0;
            pthread_mutex_lock(&registry_lock);
            p->next_stream = registry;
            registry = p;
            atomic_fetch_add(&registered, 1);
            pthread_mutex_unlock(&registry_lock);
            atomic_fetch_add(&block_streams, 1);
            return Z_OK;
        }
    }
    return real_deflate_init2(strm, level, method, windowBits, memLevel, strategy, version, stream_size);
}

int deflate(void *strm, int flush) {
    if (real_deflate == 0) resolve_real();
    pstream *p = atomic_load(&registered) ? find_stream(strm) : NULL;
    if (!p) return real_deflate(strm, flush);
    return parallel_deflate(p, strm, flush);
}

int deflateEnd(void *strm) {
    if (real_deflate_end == 0) resolve_real();
    pstream *p = atomic_load(&registered) ? find_stream(strm) : NULL;
    if (!p) return real_deflate_end(strm);
    pthread_mutex_lock(&registry_lock);
    pstream **link = &registry;
    while (*link && *link != p) link = &(*link)->next_stream;
    if (*link) {
        *link = p->next_stream;
        atomic_fetch_sub(&registered, 1);
    }
    pthread_mutex_unlock(&registry_lock);
    free_stream(p);
    ((z_stream_abi *)strm)->state = NULL;
    return Z_OK;
}
