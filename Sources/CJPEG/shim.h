/* CJPEG: libjpeg-turbo's libjpeg API, for JuryMedia's top-down JPEG decoding in bands of scanlines.
 * libjpeg reports errors by calling back; these functions turn them (and its warnings, as
 * TurboJPEG's TJFLAG_STOPONWARNING does) into a -1 return with the message kept in the reader. */
#ifndef JURY_CJPEG_SHIM_H
#define JURY_CJPEG_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <jpeglib.h>

typedef struct {
    struct jpeg_decompress_struct info;
    struct jpeg_error_mgr errors;
    jmp_buf escape;
    char message[JMSG_LENGTH_MAX];
} jury_jpeg_reader;

static void jury_jpeg_fail(j_common_ptr info) {
    jury_jpeg_reader *reader = (jury_jpeg_reader *)info->client_data;
    (*info->err->format_message)(info, reader->message);
    longjmp(reader->escape, 1);
}

static void jury_jpeg_message(j_common_ptr info, int level) {
    if (level < 0) jury_jpeg_fail(info);
}

/* A reader of the `count` bytes at `bytes` (kept, not copied), or NULL when out of memory.
 * Free it with jury_jpeg_free. */
static inline jury_jpeg_reader *jury_jpeg_new(const unsigned char *bytes, unsigned long count) {
    jury_jpeg_reader *reader = calloc(1, sizeof(jury_jpeg_reader));
    if (!reader) return NULL;
    reader->info.err = jpeg_std_error(&reader->errors);
    reader->errors.error_exit = jury_jpeg_fail;
    reader->errors.emit_message = jury_jpeg_message;
    reader->info.client_data = reader;
    if (setjmp(reader->escape)) { free(reader); return NULL; }
    jpeg_create_decompress(&reader->info);
    jpeg_mem_src(&reader->info, bytes, count);
    return reader;
}

static inline void jury_jpeg_free(jury_jpeg_reader *reader) {
    jpeg_destroy_decompress(&reader->info);
    free(reader);
}

/* Reads the header: the full width and height and the colour space are then in reader->info. */
static inline int jury_jpeg_read_header(jury_jpeg_reader *reader) {
    if (setjmp(reader->escape)) return -1;
    jpeg_read_header(&reader->info, TRUE);
    return 0;
}

/* Starts decompressing at 1/`denominator` scale (1, 2, 4 or 8) into RGBA, with libjpeg's default
 * (TurboJPEG's) DCT and upsampling; reader->info.output_width and output_height are then set. */
static inline int jury_jpeg_start(jury_jpeg_reader *reader, unsigned int denominator) {
    if (setjmp(reader->escape)) return -1;
    reader->info.scale_num = 1;
    reader->info.scale_denom = denominator;
    reader->info.out_color_space = JCS_EXT_RGBA;
    jpeg_start_decompress(&reader->info);
    return 0;
}

/* Decodes the next `rows` scanlines (fewer at the bottom) into `rgba`, `stride` bytes a row.
 * Returns the rows written, or -1. */
static inline int jury_jpeg_read_rows(jury_jpeg_reader *reader, unsigned char *rgba, size_t stride, unsigned int rows) {
    if (setjmp(reader->escape)) return -1;
    unsigned int done = 0;
    while (done < rows && reader->info.output_scanline < reader->info.output_height) {
        JSAMPROW row = rgba + done * stride;
        done += jpeg_read_scanlines(&reader->info, &row, 1);
    }
    return (int)done;
}

/* Reads what follows the last scanline (warnings there are errors too). */
static inline int jury_jpeg_finish(jury_jpeg_reader *reader) {
    if (setjmp(reader->escape)) return -1;
    jpeg_finish_decompress(&reader->info);
    return 0;
}
#endif
