#ifndef NIANBAO_ZLIB_LEVEL_H
#define NIANBAO_ZLIB_LEVEL_H

/// libxlsxwriter 1.1.4 has minizip deflate every part of the .xlsx at zlib's default level (6),
/// on the one thread that closes the workbook, with no option to change either; at national
/// scale that deflate was a quarter of the run, then the run's single-threaded tail.
/// This target defines zlib's `deflateInit2_`, `deflate` and `deflateEnd` and forwards to the
/// real ones (found with dlsym(RTLD_NEXT)): on a thread that asked for another level, streams are
/// started at that level; on one that also asked for threads, raw deflate streams (minizip's) are
/// deflated in blocks on that many threads, pigz's way (zlib_level.c). It takes effect only where
/// the executable exports the symbols (the nianbao product and the test product link with
/// --export-dynamic-symbol for each); elsewhere zlib is called directly and nothing changes.
/// Only XLSX's Compression (Sources/XLSX/Compression.swift) calls it.

/// The level (0–9) for deflate streams started on this thread from now on; -1 restores the
/// caller's own choice.
void zlib_level_set_for_thread(int level);

/// How many threads raw deflate streams started on this thread from now on are deflated on
/// (1: as zlib does it, on the caller's thread, no thread started).
void zlib_level_set_threads_for_thread(int threads);

/// How many deflate streams were deflated on several threads in this process.
long zlib_level_parallel_streams(void);

/// How many deflate streams have been started through this interposer in this process
/// (0 means zlib is not reached through it: the executable does not export the symbol).
long zlib_level_interposed_streams(void);

#endif
