/*
 * The floor of the workbook (docs/performance.md): libxlsxwriter alone writing ROWS x COLS numeric
 * cells in constant-memory mode, as 乡镇明细 does at national scale, timed in two parts: writing
 * the cells, and workbook_close (assembling and deflating the file).
 *
 *   gcc -O2 scripts/floor.c -o /tmp/floor $(pkg-config --cflags --libs xlsxwriter)
 *   /tmp/floor 40000 208 [styled]
 *
 * Linked like this it deflates at libxlsxwriter's level 6. To see level 1, link in
 * Sources/CDeflate/deflate_interpose.c with -rdynamic and set FLOOR_LEVEL=1.
 * Values: 60% zeros, the rest 1-49, about like the synthetic reports.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <xlsxwriter.h>

void deflate_interpose_set_level(int level) __attribute__((weak));

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s ROWS COLS [styled]\n", argv[0]); return 2; }
    int rows = atoi(argv[1]), cols = atoi(argv[2]);
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = "/tmp"};
    lxw_workbook *wb = workbook_new_opt("/tmp/floor.xlsx", &options);
    lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
    lxw_format *count = workbook_add_format(wb);
    format_set_num_format(count, "#,##0");
    lxw_format *format = argc > 3 ? count : NULL;
    unsigned s = 1;
    double t0 = now();
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            s = s * 1103515245u + 12345u;
            unsigned x = (s >> 16) % 100;
            worksheet_write_number(ws, r, c, x < 60 ? 0 : x % 49 + 1, format);
        }
    double t1 = now();
    if (deflate_interpose_set_level && getenv("FLOOR_LEVEL")) deflate_interpose_set_level(atoi(getenv("FLOOR_LEVEL")));
    lxw_error e = workbook_close(wb);
    fprintf(stderr, "cells %.2f s, close %.2f s (%s)\n", t1 - t0, now() - t1, lxw_strerror(e));
    return e != LXW_NO_ERROR;
}
