/* CExif: libexif, to read a JPEG's orientation tag, for JuryMedia only. */
#ifndef JURY_CEXIF_SHIM_H
#define JURY_CEXIF_SHIM_H
#include <libexif/exif-data.h>
#include <libexif/exif-utils.h>

/* The EXIF Orientation (1-8) of a JPEG or EXIF block in memory, or 0 when it has none. */
static inline int jury_exif_orientation(const unsigned char *data, unsigned int size) {
    ExifData *exif = exif_data_new_from_data(data, size);
    if (!exif) return 0;
    int orientation = 0;
    ExifEntry *entry = exif_content_get_entry(exif->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (entry && entry->format == EXIF_FORMAT_SHORT && entry->components >= 1)
        orientation = exif_get_short(entry->data, exif_data_get_byte_order(exif));
    exif_data_unref(exif);
    return orientation >= 1 && orientation <= 8 ? orientation : 0;
}
#endif
