/* CGlibcExtras: the glibc calls Jury needs that Swift's Glibc module does not show.
 *
 * renameat2(2) (Linux 3.15, glibc 2.28) is declared only under _GNU_SOURCE, which the Glibc module is
 * not built with, and malloc_trim(3) lives in <malloc.h>, which it does not include. Both are declared
 * here and wrapped. A child tied to its parent (prctl(2)'s PR_SET_PDEATHSIG between fork(2) and
 * execve(2)) cannot be started from Swift, whose Process and posix_spawn(3) have no such step.
 * Swift files that import this module: JuryCore/FileMove.swift (renames), JuryCore/Ingest.swift
 * (returning freed memory between batches), JuryService/SSHForward.swift (the ssh child); and one
 * test helper, JuryWorkstationTests/PseudoTerminal.swift, for the pseudo-terminal calls of POSIX's XSI
 * part (posix_openpt(3) and its companions), which the Glibc module hides without _XOPEN_SOURCE.
 */
#ifndef JURY_CGLIBCEXTRAS_SHIM_H
#define JURY_CGLIBCEXTRAS_SHIM_H

#ifdef __linux__
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <unistd.h>

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

/* Starts the program at `path` with `argv` and `envp` (NULL-terminated) in a child that receives SIGTERM
 * when the calling thread ends (so also when this process dies, even by SIGKILL), its standard input,
 * output and error on the given descriptors, every signal at its default action and none blocked.
 * Returns the child's pid, or -1 with errno set when fork fails; a child that cannot be tied or started
 * exits 127. Between fork and execve the child calls only
 * async-signal-safe functions, as a child of a multithreaded process must. */
static inline pid_t jury_spawn_tied_to_thread(const char *path, char *const argv[], char *const envp[],
                                              int input_fd, int output_fd, int error_fd) {
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid != 0) return pid;
    /* A child keeps its parent's ignored signals and signal mask across execve: start it with none. */
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    struct sigaction standard = { .sa_handler = SIG_DFL };
    for (int signal = 1; signal < NSIG; signal++) sigaction(signal, &standard, NULL);
    if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != parent) _exit(127);
    if (dup2(input_fd, 0) < 0 || dup2(output_fd, 1) < 0 || dup2(error_fd, 2) < 0) _exit(127);
    execve(path, argv, envp);
    _exit(127);
}
#endif

#endif
