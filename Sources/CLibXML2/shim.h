// libxml2's headers pull in ICU when LIBXML_ICU_ENABLED is set, which clashes with
// the ICU that Foundation ships. Read the version header first, switch ICU off,
// then include only what Gazette uses.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlsave.h>
#include <libxml/uri.h>

/// `xmlFree` is a global function pointer, which Swift 6 treats as shared mutable state;
/// this wrapper reads it in C.
static inline void gazette_xml_free(void *memory) { xmlFree(memory); }
