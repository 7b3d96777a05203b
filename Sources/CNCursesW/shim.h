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
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
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
/* newterm on stdout/stdin; returns NULL (instead of exiting like initscr) for an unknown TERM. */
static inline SCREEN *jury_newterm(void) { return newterm(NULL, stdout, stdin); }
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
/* SIGINT/SIGTERM/SIGHUP: restore the terminal (endwin), then die of the same signal. */
/* Set while the terminal reports the mouse (xterm modes 1000 and 1006), so a signal that ends the
   program turns the reports off too. */
static volatile sig_atomic_t jury_mouse_reporting = 0;
static const char jury_mouse_off[] = "\033[?1006l\033[?1000l";

static void jury_restore_and_reraise(int sig) {
    if (jury_mouse_reporting) { ssize_t ignored = write(STDOUT_FILENO, jury_mouse_off, sizeof jury_mouse_off - 1); (void)ignored; }
    endwin();
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

static inline void jury_install_exit_handlers(void) {
    signal(SIGINT, jury_restore_and_reraise);
    signal(SIGTERM, jury_restore_and_reraise);
    signal(SIGHUP, jury_restore_and_reraise);
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
