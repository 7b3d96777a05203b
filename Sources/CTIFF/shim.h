/* CTIFF: libtiff for JuryMedia only. Reads from memory through a small cursor; no messages to stderr. */
#ifndef JURY_CTIFF_SHIM_H
#define JURY_CTIFF_SHIM_H
#include <stddef.h>
#include <string.h>
#include <tiffio.h>

typedef struct { const unsigned char *data; toff_t size; toff_t offset; } jury_tiff_cursor;

static tmsize_t jury_tiff_read(thandle_t h, void *buffer, tmsize_t length) {
    jury_tiff_cursor *c = (jury_tiff_cursor *)h;
    toff_t left = c->offset < c->size ? c->size - c->offset : 0;
    toff_t n = length < 0 ? 0 : (toff_t)length;
    if (n > left) n = left;
    memcpy(buffer, c->data + c->offset, (size_t)n);
    c->offset += n;
    return (tmsize_t)n;
}
static tmsize_t jury_tiff_write(thandle_t h, void *b, tmsize_t n) { (void)h; (void)b; (void)n; return -1; }
static toff_t jury_tiff_seek(thandle_t h, toff_t offset, int whence) {
    jury_tiff_cursor *c = (jury_tiff_cursor *)h;
    toff_t base = whence == SEEK_CUR ? c->offset : whence == SEEK_END ? c->size : 0;
    c->offset = base + offset;
    return c->offset;
}
static int jury_tiff_close(thandle_t h) { (void)h; return 0; }
static toff_t jury_tiff_size(thandle_t h) { return ((jury_tiff_cursor *)h)->size; }
static int jury_tiff_map(thandle_t h, void **base, toff_t *size) { (void)h; (void)base; (void)size; return 0; }
static void jury_tiff_unmap(thandle_t h, void *base, toff_t size) { (void)h; (void)base; (void)size; }

/* Opens a TIFF held in memory for reading; the cursor must outlive the handle. NULL on failure. */
static inline TIFF *jury_tiff_open(jury_tiff_cursor *cursor) {
    TIFFSetErrorHandler(NULL);
    TIFFSetWarningHandler(NULL);
    return TIFFClientOpen("memory", "rm", (thandle_t)cursor, jury_tiff_read, jury_tiff_write, jury_tiff_seek,
                          jury_tiff_close, jury_tiff_size, jury_tiff_map, jury_tiff_unmap);
}
static inline uint32_t jury_tiff_width(TIFF *t) { uint32_t v = 0; TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &v); return v; }
static inline uint32_t jury_tiff_height(TIFF *t) { uint32_t v = 0; TIFFGetField(t, TIFFTAG_IMAGELENGTH, &v); return v; }
#endif
