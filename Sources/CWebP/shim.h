/* CWebP: libwebp's decoder for JuryMedia only. */
#ifndef JURY_CWEBP_SHIM_H
#define JURY_CWEBP_SHIM_H
#include <webp/decode.h>

/* WebPGetFeatures is an inline wrapper around a versioned symbol; this keeps the ABI version in C. */
static inline int jury_webp_features(const uint8_t *data, size_t size, WebPBitstreamFeatures *out) {
    return WebPGetFeatures(data, size, out) == VP8_STATUS_OK;
}
#endif
