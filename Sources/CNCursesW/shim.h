/* CNCursesW: the only C that Jury's terminal layer sees.
 *
 * Enables the wide-character ncurses API and wraps the macros and globals that Swift cannot
 * import (stdscr, COLORS, COLOR_PAIR, attribute bits, KEY_F(n), getmaxyx) as static inline
 * functions. Exactly one Swift file (JuryNCurses/NCursesTerminal.swift) imports this module.
 */
#ifndef JURY_CNCURSESW_SHIM_H
#define JURY_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

/* --- globals --- */
static inline WINDOW *jury_stdscr(void) { return stdscr; }
static inline int jury_colors(void) { return COLORS; }
static inline int jury_color_pairs(void) { return COLOR_PAIRS; }

/* --- macros --- */
static inline int jury_key_f(int n) { return KEY_F(n); }
static inline int jury_ccharw_max(void) { return CCHARW_MAX; }
static inline void jury_getmaxyx(WINDOW *w, int *rows, int *cols) {
    int y, x;
    getmaxyx(w, y, x);
    *rows = y;
    *cols = x;
}

/* attribute bits as plain values; combine with | */
static inline attr_t jury_attr_normal(void) { return A_NORMAL; }
static inline attr_t jury_attr_bold(void) { return A_BOLD; }
static inline attr_t jury_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t jury_attr_reverse(void) { return A_REVERSE; }
static inline attr_t jury_attr_dim(void) { return A_DIM; }

/* --- start-up --- */
/* The terminal's modes before the screen started, restored by a signal that ends the program. (The
   storage of this header's arrays and structs is kept inside functions: Swift's importer emits
   function-local statics with their function, but not every file-scope one.) */
static inline struct termios *jury_shell_modes(void) { static struct termios modes; return &modes; }
static volatile sig_atomic_t jury_shell_modes_saved = 0;

/* newterm on stdout/stdin; returns NULL (instead of exiting like initscr) for an unknown TERM.
   The terminal's modes are saved first. */
static inline SCREEN *jury_newterm(void) {
    jury_shell_modes_saved = tcgetattr(STDIN_FILENO, jury_shell_modes()) == 0;
    return newterm(NULL, stdout, stdin);
}
static inline void jury_setlocale_from_environment(void) { setlocale(LC_ALL, ""); }
/* The character set of the locale in force ("UTF-8", "ANSI_X3.4-1968", ...). */
static inline const char *jury_locale_codeset(void) { return nl_langinfo(CODESET); }
/* 1 when the terminal (after newterm) can move the cursor (terminfo's cup); "dumb" cannot. */
static inline int jury_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}
/* How long ncurses waits after ESC for the rest of a sequence, ms (ESCDELAY, set_escdelay). */
static inline int jury_escape_delay(void) { return get_escdelay(); }
/* 1 when both stdin and stdout are terminals. */
static inline int jury_is_terminal(void) { return isatty(0) && isatty(1); }

/* --- signals --- */
/* SIGINT/SIGTERM/SIGHUP: restore the terminal, then die of the same signal. The handler does only what
   a signal handler may (write, tcsetattr, alarm, signal, raise): ncurses' endwin is not safe there, and
   blocks for good on a terminal that stopped reading. What it writes is made when the screen starts:
   CAN (ending a sequence cut off mid-way), the mouse reports off, then terminfo's sgr0, cnorm, rmkx and
   rmcup. */
/* Set while the terminal reports the mouse (xterm modes 1000 and 1006), so a signal that ends the
   program turns the reports off too. */
static volatile sig_atomic_t jury_mouse_reporting = 0;
static const char jury_mouse_off[] = "\033[?1006l\033[?1000l";
enum { jury_reset_capacity = 512 };
static inline char *jury_reset_sequence(void) { static char sequence[jury_reset_capacity]; return sequence; }
static volatile size_t jury_reset_length = 0;

/* Appends terminfo's string `name` to the reset sequence, its padding ("$<5>") left out. */
static inline void jury_append_capability(const char *name) {
    const char *value = tigetstr(name);
    if (value == NULL || value == (char *)-1) return;
    for (const char *c = value; *c != 0; c++) {
        if (c[0] == '$' && c[1] == '<') {
            const char *end = strchr(c, '>');
            if (end != NULL) { c = end; continue; }
        }
        if (jury_reset_length < jury_reset_capacity) jury_reset_sequence()[jury_reset_length++] = *c;
    }
}

static void jury_restore_and_reraise(int sig) {
    /* A terminal that stopped reading cannot hold the exit: SIGALRM's default action ends the process. */
    alarm(2);
    /* The modes first: unlike the writes, setting them never waits for the terminal. */
    if (jury_shell_modes_saved) tcsetattr(STDIN_FILENO, TCSANOW, jury_shell_modes());
    ssize_t ignored = write(STDOUT_FILENO, "\030", 1);
    if (jury_mouse_reporting) ignored = write(STDOUT_FILENO, jury_mouse_off, sizeof jury_mouse_off - 1);
    if (jury_reset_length > 0) ignored = write(STDOUT_FILENO, jury_reset_sequence(), jury_reset_length);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}
/* Turns the terminal's SGR mouse reports on or off. */
static inline void jury_mouse_reports(int on) {
    static const char on_sequence[] = "\033[?1000h\033[?1006h";
    fflush(stdout);
    ssize_t ignored = on ? write(STDOUT_FILENO, on_sequence, sizeof on_sequence - 1) : write(STDOUT_FILENO, jury_mouse_off, sizeof jury_mouse_off - 1);
    (void)ignored;
    jury_mouse_reporting = on;
}

/* Makes the reset sequence from the started screen's terminfo, then installs the handler, with the
   signals unblocked on the calling thread (a launcher may have blocked them: they would never end us). */
static inline void jury_install_exit_handlers(void) {
    sigset_t set;
    jury_reset_length = 0;
    jury_append_capability("sgr0");
    jury_append_capability("cnorm");
    jury_append_capability("rmkx");
    jury_append_capability("rmcup");
    signal(SIGALRM, SIG_DFL);
    signal(SIGINT, jury_restore_and_reraise);
    signal(SIGTERM, jury_restore_and_reraise);
    signal(SIGHUP, jury_restore_and_reraise);
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGALRM);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

/* The signals' default actions back once the screen has ended: there is no terminal state left to restore. */
static inline void jury_remove_exit_handlers(void) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
}

/* SIGWINCH back to its default and unblocked, so that newterm installs ncurses' resize handler even when
   the parent process ignored or blocked it (ncurses leaves an ignored SIGWINCH alone: no KEY_RESIZE). */
static inline void jury_enable_resize_signal(void) {
    sigset_t set;
    signal(SIGWINCH, SIG_DFL);
    sigemptyset(&set);
    sigaddset(&set, SIGWINCH);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/* --- drawing one cell --- */
/* Writes up to CCHARW_MAX code points as one cell at (y, x); returns ERR/OK. The pair is passed as an
   int through setcchar's opts, so extended pair numbers (above 32767) work. */
static inline int jury_put_cell(int y, int x, const wchar_t *text, attr_t attrs, int pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attrs, 0, &pair) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}

/* A colour pair for (fg, bg) from ncurses' own pool (reused when it exists, the oldest recycled
   when full); colours may be direct RGB values on a direct-colour terminal. -1 on failure. */
static inline int jury_alloc_pair(int fg, int bg) { return alloc_pair(fg, bg); }

/* Raw bytes (pixel-protocol graphics) written to the terminal after curses' own output. */
static inline void jury_write_raw(const unsigned char *bytes, size_t count) {
    fflush(stdout);
    fwrite(bytes, 1, count, stdout);
    fflush(stdout);
}

#endif
