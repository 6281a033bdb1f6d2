#!/usr/bin/env python3
"""A graphical session of the patched Emacs against stock's, under Xvfb:

    emacs-tests/gui.py PATCHED_EMACS STOCK_EMACS OUTDIR

Starts a real X server (Xvfb, from Debian's packages), then runs
gui.el in each Emacs, one after the other, on that display: etc/HELLO
(many scripts, composition, several fonts), a buffer of faces, XPM and
PBM images, emoji and ligature candidates, C-g typed (by xdotool) into a
loop that writes a table, frames made and deleted with collections
between, and subprocesses.  At each READY line it takes a screenshot of
the screen into OUTDIR (NAME-patched.png, NAME-stock.png), and keeps
the pixel difference, if any, as NAME-diff.png.

Passes if both sessions print the same lines and end, and every
screenshot of the patched Emacs is pixel for pixel stock's.  Prints one
line per check, like emacs-tests/run, and exits 1 on any failure.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

DISPLAY = ":97"
HERE = os.path.dirname(os.path.abspath(__file__))


def start_xvfb():
    """Xvfb on DISPLAY, 1280x1024 in 24-bit colour; returns its process."""
    lock = "/tmp/.X%s-lock" % DISPLAY[1:]
    if os.path.exists(lock):
        os.remove(lock)
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):  # Xvfb can take seconds to come up on a loaded machine
        if subprocess.run(["xdpyinfo", "-display", DISPLAY], capture_output=True).returncode == 0:
            return xvfb
        time.sleep(0.1)
    xvfb.kill()
    sys.exit("gui.py: Xvfb did not start on " + DISPLAY)


def session(emacs, label, outdir):
    """gui.el in EMACS; returns (lines it printed, exit status, its stderr)."""
    work = tempfile.mkdtemp(prefix="hts-gui-")
    log = os.path.join(work, "log")
    open(log, "w").close()
    env = dict(os.environ, DISPLAY=DISPLAY, HTS_GUI_LOG=log, HTS_GUI_DIR=work,
               # The same theme, input method and accessibility bus for both.
               GTK_THEME="Adwaita", NO_AT_BRIDGE="1", XMODIFIERS="", LANG="C.UTF-8",
               # A home of its own: an eln-cache that earlier sessions
               # filled changes what deferred compilation loads, and when,
               # and so how many faces a session has defined.
               HOME=work)
    env.pop("XDG_CONFIG_HOME", None)
    env.pop("WAYLAND_DISPLAY", None)
    # stderr to a file: a pipe nobody reads while the session runs would
    # stop Emacs once GTK's warnings filled it.
    err = open(os.path.join(work, "stderr"), "w+", encoding="utf-8", errors="replace")
    p = subprocess.Popen([emacs, "-Q", "-l", os.path.join(HERE, "gui.el")], env=env,
                         stdout=subprocess.DEVNULL, stderr=err)
    seen = 0
    deadline = time.time() + 240
    while time.time() < deadline and p.poll() is None:
        with open(log, encoding="utf-8") as f:
            lines = f.read().splitlines()
        for line in lines[seen:]:
            if line.startswith("READY "):
                name = line.split()[1]
                time.sleep(0.5)  # let the X server finish drawing
                shot = os.path.join(outdir, "%s-%s.png" % (name, label))
                subprocess.run(["import", "-display", DISPLAY, "-window", "root", shot], check=True)
                open(os.path.join(work, name + ".go"), "w").close()
            elif line == "LOOPING":
                time.sleep(1.0)
                subprocess.run(["xdotool", "key", "ctrl+g"], env=env, check=True)
        seen = len(lines)
        time.sleep(0.05)
    if p.poll() is None:
        p.kill()
    status = p.wait()
    with open(log, encoding="utf-8") as f:
        lines = f.read().splitlines()
    err.seek(0)
    stderr = err.read()
    err.close()
    shutil.rmtree(work)
    return lines, status, stderr


def differing_pixels(a, b, diff):
    """The number of pixels that differ between PNGs A and B (ImageMagick's AE)."""
    r = subprocess.run(["compare", "-metric", "AE", a, b, diff], capture_output=True, text=True)
    try:
        return int(float(r.stderr.split()[0]))
    except (IndexError, ValueError):
        return -1


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    patched, stock, outdir = sys.argv[1:]
    os.makedirs(outdir, exist_ok=True)
    xvfb = start_xvfb()
    results = []

    def check(name, ok, detail=""):
        results.append(ok)
        print(("ok      " if ok else "FAILED  ") + name + (": " + detail if detail and not ok else ""))

    try:
        out = {}
        for label, emacs in (("stock", stock), ("patched", patched)):
            lines, status, err = session(emacs, label, outdir)
            out[label] = [l for l in lines if not l.startswith("READY ")]
            with open(os.path.join(outdir, "session-%s.txt" % label), "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            check("graphical session on %s Emacs: %d lines, ends %r, status %d"
                  % (label, len(lines), lines[-1] if lines else "", status),
                  status == 0 and lines[-1:] == ["DONE"], err[-2000:])
        same = out["patched"] == out["stock"]
        detail = "".join("\n  stock:   %s\n  patched: %s" % (s, p)
                         for s, p in zip(out["stock"], out["patched"]) if s != p)
        check("the patched session prints what stock's does (%d lines)" % len(out["stock"]),
              same, detail or "different lengths")
        for name in ("hello", "faces"):
            a, b = (os.path.join(outdir, "%s-%s.png" % (name, l)) for l in ("stock", "patched"))
            if not (os.path.exists(a) and os.path.exists(b)):
                check("screenshot %s taken on both" % name, False)
                continue
            diff = os.path.join(outdir, "%s-diff.png" % name)
            n = differing_pixels(a, b, diff)
            if n == 0:
                os.remove(diff)
            check("screenshot %s: %d pixels differ from stock's (%s)" % (name, n, b), n == 0)
    finally:
        xvfb.terminate()
        xvfb.wait()
    print("%d passed, %d failed" % (sum(results), len(results) - sum(results)))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
