/* CGIF: giflib for JuryMedia only. Reads from memory through a small cursor. */
#ifndef JURY_CGIF_SHIM_H
#define JURY_CGIF_SHIM_H
#include <stddef.h>
#include <string.h>
#include <gif_lib.h>

typedef struct { const unsigned char *data; size_t size; size_t offset; } jury_gif_cursor;

static int jury_gif_read(GifFileType *gif, GifByteType *buffer, int length) {
    jury_gif_cursor *c = (jury_gif_cursor *)gif->UserData;
    size_t left = c->size - c->offset, n = length < 0 ? 0 : (size_t)length;
    if (n > left) n = left;
    memcpy(buffer, c->data + c->offset, n);
    c->offset += n;
    return (int)n;
}

/* Opens a GIF held in memory; the cursor must outlive the handle. NULL on failure (*error set). */
static inline GifFileType *jury_gif_open(jury_gif_cursor *cursor, int *error) {
    return DGifOpen(cursor, jury_gif_read, error);
}
#endif
