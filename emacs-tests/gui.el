;;; gui.el --- a graphical session, the same on stock and patched Emacs  -*- lexical-binding: t -*-

;; Loaded by emacs-tests/gui.py into a graphical Emacs on Xvfb, stock's
;; and the patched one alike.  Each step writes what it sees to
;; HTS_GUI_LOG, which gui.py compares line by line between the two, and
;; a line "READY NAME" where gui.py takes a screenshot, or "LOOPING"
;; where it types C-g; it then answers by making HTS_GUI_DIR/NAME.go.
;; Everything printed is what Lisp sees of faces, fonts, composition,
;; images (XPM's colours go through a C hash table), frames and
;; subprocesses: it must not depend on the hash table store.

(defvar hts-gui-log (getenv "HTS_GUI_LOG"))
(defvar hts-gui-dir (getenv "HTS_GUI_DIR"))

(defun hts-gui-print (fmt &rest args)
  (let ((coding-system-for-write 'utf-8-unix))
    (write-region (concat (apply #'format fmt args) "\n") nil hts-gui-log t 'silent)))

(defun hts-gui-await (name)
  "Say NAME is ready, and wait until gui.py answers."
  (redisplay t)
  (hts-gui-print "READY %s" name)
  (let ((go (expand-file-name (concat name ".go") hts-gui-dir))
        (deadline (+ (float-time) 60)))
    (while (and (not (file-exists-p go)) (< (float-time) deadline))
      (sit-for 0.05))
    (unless (file-exists-p go)
      (hts-gui-print "TIMEOUT waiting for %s" name))))

(defun hts-gui-font-family (pos)
  (let ((font (font-at pos)))
    (and font (font-get font :family))))

(defun hts-gui-hello ()
  "etc/HELLO: many scripts, composition, several fonts."
  (find-file (expand-file-name "HELLO" data-directory))
  (read-only-mode 1)
  (goto-char (point-min))
  (redisplay t)
  (hts-gui-print "hello: %d chars, %d lines" (buffer-size) (count-lines (point-min) (point-max)))
  ;; The fonts and compositions of a few scripts, as display shows them.
  (dolist (probe '("Hindi" "Arabic" "Thai" "Korean" "Emoji" "Tamil" "Greek" "Japanese"))
    (goto-char (point-min))
    (when (search-forward probe nil t)
      (let* ((pos (progn (skip-chars-forward "^\t\n") (skip-chars-forward "\t ") (point)))
             (comp (find-composition pos nil nil t)))
        (hts-gui-print "%s: %S font %S, composed %S" probe
                       (buffer-substring-no-properties pos (min (line-end-position) (+ pos 6)))
                       (hts-gui-font-family pos)
                       (and comp (list (- (nth 1 comp) (nth 0 comp))))))))
  (goto-char (point-min))
  (hts-gui-await "hello"))

(defun hts-gui-faces-and-images ()
  "Faces, XPM and PBM images, emoji and ligature candidates in one buffer."
  (switch-to-buffer (get-buffer-create "*hts-gui*"))
  (erase-buffer)
  (dolist (face '(bold italic underline highlight error warning success
                  font-lock-keyword-face font-lock-string-face mode-line))
    (insert (propertize (format "%-24s" face) 'face face) "\n"))
  (dolist (file '("attach.xpm" "cancel.xpm" "close.xpm" "connect.xpm" "contact.xpm"
                  "attach.pbm" "cancel.pbm"))
    (let ((img (create-image (expand-file-name (concat "images/" file) data-directory))))
      (insert-image img)
      (hts-gui-print "image %s: size %S" file (image-size img t))))
  (insert "\n")
  ;; An XPM with a colour table of its own, made here: its symbolic and
  ;; named colours are looked up through image.c's table.
  (let* ((xpm (concat "/* XPM */\nstatic char *x[] = {\n\"8 4 4 1\",\n"
                      "\"a c red\",\n\"b c #00ff00\",\n\"c c blue s sym\",\n\". c None\",\n"
                      "\"aabbcc..\",\n\"aabbcc..\",\n\"..ccbbaa\",\n\"..ccbbaa\"};\n"))
         (img (create-image xpm 'xpm t :scale 4 :color-symbols '(("sym" . "yellow")))))
    (insert-image img)
    (hts-gui-print "inline xpm: size %S" (image-size img t)))
  (insert "\n😀 🎉 👍🏽 👨‍👩‍👧  office ﬁ -> => != <= ::  नमस्ते  سلام\n")
  (goto-char (point-min))
  (let ((emoji (progn (search-forward "😀") (1- (point)))))
    (hts-gui-print "emoji font %S" (hts-gui-font-family emoji)))
  (hts-gui-print "faces: %d defined, bold weight %S, default family %S"
                 (length (face-list)) (face-attribute 'bold :weight)
                 (face-attribute 'default :family))
  (goto-char (point-min))
  (hts-gui-await "faces"))

(defun hts-gui-quit ()
  "C-g, typed by gui.py, quits a loop that writes tables."
  (let ((h (make-hash-table :test 'equal)) (n 0))
    (hts-gui-print "LOOPING")
    (condition-case nil
        (let ((inhibit-quit nil)
              (deadline (+ (float-time) 30)))
          (while (< (float-time) deadline)
            (puthash (format "k%d" (% n 5000)) n h)
            (setq n (1+ n)))
          (hts-gui-print "C-g: not seen in 30 s"))
      (quit (hts-gui-print "C-g: quit, table of %d entries" (hash-table-count h))))))

(defun hts-gui-frames ()
  "Several frames made and deleted, with collections between."
  (dotimes (i 3)
    (let ((frames (list (make-frame '((width . 40) (height . 10)))
                        (make-frame '((width . 50) (height . 12))))))
      (redisplay t)
      (garbage-collect)
      (dolist (f frames) (delete-frame f))
      (garbage-collect)
      (hts-gui-print "frames round %d: %d live, %d visible" i (length (frame-list))
                     (length (visible-frame-list))))))

(defun hts-gui-subprocess ()
  "A subprocess, synchronous and asynchronous."
  (hts-gui-print "call-process: %S"
                 (with-temp-buffer
                   (list (call-process "sh" nil t nil "-c" "echo hello; exit 3")
                         (buffer-string))))
  (let* ((out nil)
         (done nil)
         (p (make-process :name "hts-gui" :command '("sh" "-c" "printf 'a\\nb\\n'")
                          :filter (lambda (_ s) (push s out))
                          :sentinel (lambda (_ e) (setq done e)))))
    (while (not done) (accept-process-output p 1))
    (hts-gui-print "make-process: %S, %S" (apply #'concat (nreverse out)) done)))

(defun hts-gui-deferred ()
  "Deferred native compilation, which only an interactive session does:
loading a .elc starts a worker (an Emacs of its own, with its own JVM)
that compiles it, and the function then becomes native."
  (if (not (and (fboundp 'native-comp-available-p) (native-comp-available-p)))
      (hts-gui-print "deferred: no native compilation")
    (let* ((dir (make-temp-file "hts-gui-deferred" t))
           (src (expand-file-name "hts-deferred.el" dir))
           (native-comp-eln-load-path (cons dir native-comp-eln-load-path))
           (deadline (+ (float-time) 120)))
      (with-temp-file src
        (insert ";;; -*- lexical-binding: t -*-\n"
                "(defun hts-deferred (s) (pcase s (\"a\" 1) (\"b\" 2) (\"c\" 3) (_ 0)))\n"))
      (byte-compile-file src)
      (load (file-name-sans-extension src) nil t)
      (while (and (not (subr-native-elisp-p (symbol-function 'hts-deferred)))
                  (< (float-time) deadline))
        (accept-process-output nil 0.2))
      (hts-gui-print "deferred: native %S, gives %S"
                     (subr-native-elisp-p (symbol-function 'hts-deferred))
                     (mapcar #'hts-deferred '("a" "c" "z")))
      (delete-directory dir t))))

(defun hts-gui-run ()
  (condition-case err
      (progn
        (hts-gui-print "window-system %S, display %S" window-system (display-pixel-width))
        (hts-gui-hello)
        (hts-gui-faces-and-images)
        (hts-gui-quit)
        (hts-gui-frames)
        (hts-gui-subprocess)
        (hts-gui-deferred)
        (garbage-collect)
        (hts-gui-print "DONE"))
    (error (hts-gui-print "ERROR %S" err)))
  (kill-emacs 0))

(setq inhibit-startup-screen t
      default-frame-alist '((width . 100) (height . 40) (left . 0) (top . 0)))
(blink-cursor-mode -1)
(add-hook 'emacs-startup-hook (lambda () (run-with-timer 0.5 nil #'hts-gui-run)))

;;; gui.el ends here
