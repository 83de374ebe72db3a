#ifndef NIANBAO_CLIBXML2_SHIM_H
#define NIANBAO_CLIBXML2_SHIM_H

#if __has_include(<libxml/HTMLparser.h>)
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#else
#error "libxml2's headers (<libxml/HTMLparser.h>) were not found. Install them with `make deps` (apt-get install -y libxml2-dev)."
#endif

#endif
