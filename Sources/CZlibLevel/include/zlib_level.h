#ifndef NIANBAO_ZLIB_LEVEL_H
#define NIANBAO_ZLIB_LEVEL_H

/// libxlsxwriter 1.1.4 has minizip deflate every part of the .xlsx at zlib's default level (6),
/// with no option to change it; at national scale that deflate is a quarter of the run.
/// This target defines zlib's `deflateInit2_` and forwards to the real one (found with
/// dlsym(RTLD_NEXT)), replacing the level on threads that asked for another one. It takes
/// effect only where the executable exports the symbol (the nianbao product and the test product
/// link with --export-dynamic-symbol=deflateInit2_); elsewhere zlib is called directly and nothing
/// changes. Only XLSX's Compression (Sources/XLSX/Compression.swift) calls it.

/// The level (0–9) for deflate streams started on this thread from now on; -1 restores the
/// caller's own choice.
void zlib_level_set_for_thread(int level);

/// How many deflate streams have been started through this interposer in this process
/// (0 means zlib is not reached through it: the executable does not export the symbol).
long zlib_level_interposed_streams(void);

#endif
