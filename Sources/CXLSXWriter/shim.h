#ifndef NIANBAO_CXLSXWRITER_SHIM_H
#define NIANBAO_CXLSXWRITER_SHIM_H

#if __has_include(<xlsxwriter.h>)
#include <xlsxwriter.h>
#else
#error "libxlsxwriter's header <xlsxwriter.h> was not found. Install it with `make deps` (apt-get install -y libxlsxwriter-dev)."
#endif

#endif
