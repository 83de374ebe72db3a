#ifndef NIANBAO_CLIBXML2_SHIM_H
#define NIANBAO_CLIBXML2_SHIM_H

#if __has_include(<libxml/HTMLparser.h>)
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, and <libxml/encoding.h> then includes the system's
 * <unicode/ucnv.h>, whose enums clash with Foundation's own copy of ICU in any Swift module
 * importing both. Nothing here uses libxml2's ICU converter fields (only pointers to the
 * handler struct), so the declarations are read without them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#else
#error "libxml2's headers (<libxml/HTMLparser.h>) were not found. Install them with `make deps` (apt-get install -y libxml2-dev)."
#endif

#endif
