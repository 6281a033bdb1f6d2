#!/usr/bin/env python3
"""Drives `EMACS -nw -Q` on a pseudo-terminal, as a person would, and checks:

  - C-g interrupts a long maphash, and a long loop of gethash calls
    (on a tty, C-g reaches Emacs as SIGINT: the JVM must leave it alone);
  - a deep C recursion overflows the C stack and Emacs recovers, as stock
    does ("Re-entering top level after C stack overflow");
  - SIGUSR1 and SIGUSR2 arrive as the sigusr1 and sigusr2 events (HotSpot
    must not take SIGUSR2, its default suspend/resume signal), and a
    SIGINT sent with kill(2) quits a long maphash, as C-g does;
  - Emacs still works afterwards, and C-x C-c exits with status 0;
  - SIGTERM ends an Emacs on a terminal as it ends stock (status 15).

    emacs-tests/interactive.py EMACS

Prints one line per check and a closing "N passed, M failed".
"""
import os
import pty
import select
import signal
import sys
import time

SETUP = r"""
(progn
  (setq max-lisp-eval-depth 10000000 max-specpdl-size 10000000
        debug-on-event nil)  ; else SIGUSR2 enters the debugger
  (defvar hts-h (let ((h (make-hash-table))) (dotimes (i 100000) (puthash i i h)) h))
  (defun hts-deep (n) (if (= n 0) 0 (1+ (hts-deep (1- n)))))
  (global-set-key (kbd "C-c m")
    (lambda () (interactive) (message "maphash started")
      (while t (maphash (lambda (k v) (+ k v)) hts-h))))
  (global-set-key (kbd "C-c g")
    (lambda () (interactive) (message "gethash started")
      (let ((i 0)) (while t (gethash (% (setq i (1+ i)) 100000) hts-h)))))
  (global-set-key (kbd "C-c o")
    (lambda () (interactive) (hts-deep 5000000)))
  (global-set-key (kbd "C-c p")
    (lambda () (interactive)
      (message "alive %d" (hash-table-count hts-h))))
  (define-key special-event-map [sigusr1]
    (lambda () (interactive) (message "first user signal: %d" (hash-table-count hts-h))))
  (define-key special-event-map [sigusr2]
    (lambda () (interactive) (message "SIGUSR2 came, table of %d" (hash-table-count hts-h)))))
"""


class Terminal:
    def __init__(self, argv):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ["TERM"] = "xterm"
            os.environ.pop("COLUMNS", None)
            os.environ.pop("LINES", None)
            os.execv(argv[0], argv)
        self.seen = b""

    def send(self, data):
        os.write(self.fd, data)

    def expect(self, text, timeout):
        """Waits until TEXT appears in the output after the last expect."""
        deadline = time.time() + timeout
        want = text.encode()
        while time.time() < deadline:
            if want in self.seen:
                self.seen = self.seen[self.seen.index(want) + len(want):]
                return True
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if ready:
                try:
                    self.seen += os.read(self.fd, 65536)
                except OSError:
                    break
        return False

    def wait(self, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            try:
                if select.select([self.fd], [], [], 0.1)[0]:
                    os.read(self.fd, 65536)
            except OSError:
                pass
        os.kill(self.pid, 9)
        return None


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    emacs = sys.argv[1]
    term = Terminal([emacs, "-nw", "-Q", "--eval", SETUP])
    results = []

    def check(name, ok):
        results.append(ok)
        print(("ok      " if ok else "FAILED  ") + name)

    check("Emacs starts on a terminal", term.expect("*scratch*", 30))
    for key, what in ((b"\x03m", "maphash"), (b"\x03g", "gethash")):
        term.send(key)
        started = term.expect(what + " started", 10)
        time.sleep(1.0)
        term.send(b"\x07")
        check("C-g interrupts a long %s loop" % what, started and term.expect("Quit", 10))
    term.send(b"\x03o")
    check("C stack overflow is recovered from",
          term.expect("Re-entering top level after C stack overflow", 60))
    term.send(b"\x03p")
    check("Emacs works afterwards", term.expect("alive 100000", 10))
    # Messages that differ from their first character: redisplay sends a
    # terminal only what changed.
    for sig, name, says in ((signal.SIGUSR1, "sigusr1", "first user signal: 100000"),
                            (signal.SIGUSR2, "sigusr2", "SIGUSR2 came, table of 100000")):
        os.kill(term.pid, sig)
        check("%s arrives as the %s event" % (name.upper(), name), term.expect(says, 10))
    term.send(b"\x03m")
    started = term.expect("maphash started", 10)
    time.sleep(1.0)
    os.kill(term.pid, signal.SIGINT)
    check("SIGINT from kill(2) quits a long maphash", started and term.expect("Quit", 10))
    term.send(b"\x03p")
    check("Emacs works afterwards", term.expect("alive 100000", 10))
    term.send(b"\x18\x03")
    status = term.wait(20)
    check("C-x C-c exits with status 0 (got %s)" % status, status == 0)

    term = Terminal([emacs, "-nw", "-Q", "--eval", SETUP])
    started = term.expect("*scratch*", 30)
    os.kill(term.pid, signal.SIGTERM)
    status = term.wait(20)
    check("SIGTERM ends Emacs with status 15, as stock (got %s)" % status, started and status == 15)
    passed = sum(results)
    print("%d passed, %d failed" % (passed, len(results) - passed))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
