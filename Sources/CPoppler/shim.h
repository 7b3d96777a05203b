/* CPoppler: poppler-glib and cairo, to rasterise PDF pages, for JuryMedia only. */
#ifndef JURY_CPOPPLER_SHIM_H
#define JURY_CPOPPLER_SHIM_H
#include <poppler.h>
#include <cairo.h>

/* Opens a PDF held in memory (copied into GBytes). NULL on failure. */
static inline PopplerDocument *jury_pdf_open(const void *data, size_t size) {
    GBytes *bytes = g_bytes_new(data, size);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, NULL);
    g_bytes_unref(bytes);
    return doc;
}
static inline void jury_gobject_unref(void *object) { g_object_unref(object); }

/* Renders page `page` scaled by `scale` onto white; the surface is in CAIRO_FORMAT_RGB24 (0x00RRGGBB
   per native-endian 32-bit word). The caller destroys it. NULL when the page does not exist. */
static inline cairo_surface_t *jury_pdf_render(PopplerDocument *doc, int page, double scale, int width, int height) {
    PopplerPage *p = poppler_document_get_page(doc, page);
    if (!p) return NULL;
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {  /* too large, or no memory */
        cairo_surface_destroy(surface);
        g_object_unref(p);
        return NULL;
    }
    cairo_t *cr = cairo_create(surface);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    poppler_page_render(p, cr);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    g_object_unref(p);
    return surface;
}
/* The page's size in points (1/72 inch); 0 when the page does not exist. */
static inline int jury_pdf_page_size(PopplerDocument *doc, int page, double *width, double *height) {
    PopplerPage *p = poppler_document_get_page(doc, page);
    if (!p) return 0;
    poppler_page_get_size(p, width, height);
    g_object_unref(p);
    return 1;
}
#endif
