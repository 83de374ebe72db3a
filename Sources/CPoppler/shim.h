#ifndef NIANBAO_CPOPPLER_SHIM_H
#define NIANBAO_CPOPPLER_SHIM_H

#if __has_include(<poppler.h>)
#include <poppler.h>
#else
#error "poppler's GLib headers (<poppler.h>) were not found. Install them with `make deps` (apt-get install -y libpoppler-glib-dev)."
#endif

#endif
