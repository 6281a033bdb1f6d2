;;; native.el --- native-compiled code that uses tables, at every speed  -*- lexical-binding: t -*-

;; emacs-tests/run loads this into the patched and the stock Emacs of a
;; native-compilation build and compares what `hts-native-run' prints,
;; byte for byte.  It native-compiles one file of functions that use
;; tables (literal #s(hash-table ...) constants, pcase and cl-case
;; switches on strings, symbols, floats and fixnums, which the byte
;; compiler turns into jump tables and the native compiler reads back,
;; weak tables, user-defined tests, maphash over a table only its
;; argument holds, with collections in the body) at native-comp-speed
;; 0, 1, 2 and 3,
;; loads each .eln and prints every function's results.  Native code is
;; compared with native code: the compiler merges equal literals, so a
;; program can print differently native and interpreted, on stock too.

(require 'cl-lib)
(require 'comp)                         ; native-comp-speed is special

(defconst hts-native-source
  ";;; -*- lexical-binding: t -*-
(require 'cl-lib)
(define-hash-table-test 'hts-native-mod5
  (lambda (a b) (= (% a 5) (% b 5))) (lambda (k) (% k 5)))

(defun hts-native-literal ()
  (let ((h #s(hash-table test equal data (\"one\" 1 \"two\" 2 (3) three 4.0 four))))
    (list (gethash \"one\" h) (gethash '(3) h) (gethash 4.0 h) (hash-table-count h)
          (hash-table-test h) (let (keys) (maphash (lambda (k _) (push k keys)) h) (nreverse keys)))))

(defun hts-native-string-switch (s)
  (pcase s
    (\"alpha\" 1) (\"beta\" 2) (\"gamma\" 3) (\"delta\" 4) (\"epsilon\" 5)
    (\"zeta\" 6) (\"eta\" 7) (\"theta\" 8) (_ 'none)))

(defun hts-native-symbol-switch (s)
  (cl-case s
    (a 'first) (b 'second) ((c d) 'third-or-fourth) (e 'fifth) (f 'sixth) (g 'seventh)
    (t 'other)))

(defun hts-native-float-switch (x)
  (cl-case x
    (1.5 'one-and-a-half) (2.5 'two-and-a-half) (-0.0 'minus-zero) (0.0 'zero)
    (1.0e+INF 'infinity) (3.25 'three) (t 'other)))

(defun hts-native-fixnum-switch (n)
  (cl-case n
    (0 'zero) (1 'one) (2 'two) (3 'three) (100 'hundred) (-1 'minus-one) (t 'other)))

(defun hts-native-weak ()
  (let ((h (make-hash-table :weakness 'key :test 'equal))
        (held (list \"kept\" 'kept-symbol)))
    (dolist (k held) (puthash k (length (format \"%s\" k)) h))
    (dotimes (i 200) (puthash (format \"dropped-%d\" i) i h))
    (garbage-collect)
    (list (gethash \"kept\" h) (gethash 'kept-symbol h) (hash-table-weakness h)
          (<= (hash-table-count h) 202))))

(defun hts-native-user-test ()
  (let ((h (make-hash-table :test 'hts-native-mod5)))
    (dotimes (i 23) (puthash i (* i i) h))
    (list (hash-table-count h) (gethash 7 h) (gethash 100 h)
          (let (pairs) (maphash (lambda (k v) (push (cons k v) pairs)) h) (nreverse pairs)))))

(defun hts-native-fresh-table ()
  (let ((h (make-hash-table)))
    (dotimes (i 20) (puthash i (* 10 i) h))
    h))

(defun hts-native-maphash-collecting ()
  \"maphash over a table no caller holds, collecting garbage in its body.\"
  (let ((sum 0) (junk nil))
    (maphash (lambda (k v)
               (dotimes (_ 200) (push (make-vector 20 k) junk))
               (garbage-collect)
               (setq junk nil sum (+ sum v)))
             (hts-native-fresh-table))
    sum))

(defun hts-native-calls-primitive (s)
  (string-to-number s))

(defun hts-native-churn ()
  (let ((h (make-hash-table :test 'eql :size 3)) (sizes nil))
    (dotimes (i 300)
      (puthash i (* 2 i) h)
      (when (zerop (% i 3)) (remhash (/ i 2) h))
      (when (zerop (% i 50)) (push (hash-table-size h) sizes)))
    (let ((copy (copy-hash-table h)))
      (clrhash h)
      (list (nreverse sizes) (hash-table-count copy) (hash-table-count h)
            (format \"%S\" (let ((small (make-hash-table)))
                             (puthash 'a 1 small) (puthash \"b\" 2 small) small))))))
")

(defun hts-native-call-all ()
  (list (hts-native-literal)
        (mapcar #'hts-native-string-switch '("alpha" "theta" "zeta" "omega" nil))
        (mapcar #'hts-native-symbol-switch '(a c d g h nil))
        (mapcar #'hts-native-float-switch '(1.5 -0.0 0.0 1.0e+INF 3.25 2 2.5))
        (mapcar #'hts-native-fixnum-switch '(0 3 100 -1 4))
        (hts-native-weak)
        (hts-native-user-test)
        (hts-native-churn)
        (hts-native-maphash-collecting)))

(defun hts-native-run ()
  "Native-compile `hts-native-source' at every speed; print what it gives."
  (let* ((dir (make-temp-file "hts-native" t))
         (src (expand-file-name "hts-native-code.el" dir))
         ;; Trampolines go here, not to a cache another Emacs shares.
         (native-comp-eln-load-path (cons dir native-comp-eln-load-path)))
    (unwind-protect
        (progn
          (with-temp-file src (insert hts-native-source))
          (dolist (speed '(0 1 2 3))
            (let* ((native-comp-speed speed)
                   (eln (native-compile src (expand-file-name (format "speed%d.eln" speed) dir))))
              (load eln nil t)
              (princ (format "speed %d: native %S\n" speed
                             (subr-native-elisp-p (symbol-function 'hts-native-literal))))
              (princ (format "  %S\n" (hts-native-call-all)))))
          ;; Advising a primitive that native code calls compiles a
          ;; trampoline (comp.c walks the compiler's tables of functions).
          (let ((advice (lambda (n) (1+ n))))
            (advice-add 'string-to-number :filter-return advice)
            (princ (format "trampoline: %S, compiled %S\n" (hts-native-calls-primitive "41")
                           (length (directory-files-recursively dir "trampoline"))))
            (advice-remove 'string-to-number advice)
            (princ (format "without: %S\n" (hts-native-calls-primitive "41")))))
      (delete-directory dir t))))

;;; native.el ends here
