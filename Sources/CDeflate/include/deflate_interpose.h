#ifndef NIANBAO_DEFLATE_INTERPOSE_H
#define NIANBAO_DEFLATE_INTERPOSE_H

/// libxlsxwriter 1.1.4 has minizip deflate every part of the .xlsx at zlib's default level (6),
/// on the one thread that closes the workbook, with no option to change either; at national
/// scale that deflate was a quarter of the run, then the run's single-threaded tail.
/// This target defines zlib's `deflateInit2_`, `deflate` and `deflateEnd` and forwards to the
/// real ones (found with dlsym(RTLD_NEXT)), except on a thread that asked for a level: there
/// streams start at that level, and raw deflate streams (minizip's) are deflated in 1 MiB blocks
/// on the threads asked for, pigz's way (deflate_interpose.c; one thread gives the same bytes).
/// It takes effect only where the executable exports the symbols (the nianbao product and the
/// test product link with --export-dynamic-symbol for each); elsewhere zlib is called directly
/// and nothing changes. Only XLSX's Compression (Sources/XLSX/Compression.swift) calls it.

/// The level (0–9) for deflate streams started on this thread from now on; -1 restores the
/// caller's own choice.
void deflate_interpose_set_level(int level);

/// How many threads the raw deflate streams started on this thread from now on are deflated on
/// (1: on the caller's thread, no thread started; the bytes are the same either way).
void deflate_interpose_set_threads(int threads);

/// How many deflate streams were deflated in blocks in this process.
long deflate_interpose_block_streams(void);

/// How many deflate streams have been started through this interposer in this process
/// (0 means zlib is not reached through it: the executable does not export the symbol).
long deflate_interpose_streams(void);

#endif
