/* CTurboJPEG: libjpeg-turbo's TurboJPEG API (no setjmp error handling to wrap) for JuryMedia only. */
#ifndef JURY_CTURBOJPEG_SHIM_H
#define JURY_CTURBOJPEG_SHIM_H
#include <stddef.h>
#include <turbojpeg.h>
#endif
