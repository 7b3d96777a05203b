/* CPNG: libpng's simplified read API (png_image_*, no setjmp) for JuryMedia only. */
#ifndef JURY_CPNG_SHIM_H
#define JURY_CPNG_SHIM_H
#include <png.h>

/* PNG_FORMAT_RGBA is a macro; the row stride is spelled out. */
static inline size_t jury_png_rgba_row_stride(png_uint_32 width) { return (size_t)width * 4; }
static inline png_uint_32 jury_png_format_rgba(void) { return PNG_FORMAT_RGBA; }
#endif
