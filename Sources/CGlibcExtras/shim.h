/* CGlibcExtras: the glibc calls JuryCore needs that Swift's Glibc module does not show.
 *
 * renameat2(2) (Linux 3.15, glibc 2.28) is declared only under _GNU_SOURCE, which the Glibc module is
 * not built with, and malloc_trim(3) lives in <malloc.h>, which it does not include. Both are declared
 * here and wrapped. Exactly two Swift files import this module: JuryCore/FileMove.swift (renames) and
 * JuryCore/Ingest.swift (returning freed memory between batches); and one test helper,
 * JuryWorkstationTests/PseudoTerminal.swift, for the pseudo-terminal calls of POSIX's XSI part
 * (posix_openpt(3) and its companions), which the Glibc module hides without _XOPEN_SOURCE.
 */
#ifndef JURY_CGLIBCEXTRAS_SHIM_H
#define JURY_CGLIBCEXTRAS_SHIM_H

#ifdef __linux__
#include <fcntl.h>
#include <stddef.h>

extern int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags);
extern int malloc_trim(size_t pad);

extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern char *ptsname(int fd);

/* Renames `from` to `to` unless `to` exists (then fails with EEXIST), atomically. */
static inline int jury_rename_noreplace(const char *from, const char *to) {
    return renameat2(AT_FDCWD, from, AT_FDCWD, to, 1 /* RENAME_NOREPLACE */);
}

/* Gives the free memory of every malloc arena back to the kernel. */
static inline void jury_release_free_memory(void) { malloc_trim(0); }
#endif

#endif
