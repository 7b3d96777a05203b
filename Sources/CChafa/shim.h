/* CChafa: libchafa (symbol mosaics and pixel protocols) for JuryMedia's renderer only. */
#ifndef JURY_CCHAFA_SHIM_H
#define JURY_CCHAFA_SHIM_H
#include <chafa.h>

/* g_string_free(s, TRUE) is a macro in newer glib; the text is copied out before this is called. */
static inline void jury_gstring_free(GString *s) { g_string_free(s, 1); }
#endif
