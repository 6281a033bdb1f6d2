;;; hts-bench.el --- hash table benchmarks, run on patched and stock Emacs  -*- lexical-binding: t -*-

;; Each benchmark sets up, then times only its core loop, and prints the
;; seconds it took.  tools/bench byte-compiles this file with each Emacs,
;; runs every benchmark in a fresh Emacs, alternating stock and patched,
;; and reports medians and patched/stock ratios.
;;
;;   emacs -Q --batch -l hts-bench.elc --eval '(hts-bench-run "NAME")'

(require 'cl-lib)

(defvar hts-bench--sink nil "Keeps results alive, so loops are not optimised away.")

(defmacro hts-bench--time (&rest body)
  "Run BODY and return the seconds it took."
  `(let ((t0 (float-time)))
     (setq hts-bench--sink (progn ,@body))
     (- (float-time) t0)))

(defun hts-bench--eq-table (n)
  (let ((h (make-hash-table :test 'eq :size n)))
    (dotimes (i n) (puthash i i h))
    h))

(defun hts-bench--gethash (n lookups hit)
  "LOOKUPS gethash calls on an eq table of N fixnum keys, hits or misses."
  (let ((h (hts-bench--eq-table n))
        (offset (if hit 0 n)))
    (hts-bench--time
     (let ((sum 0))
       (dotimes (i lookups)
         (let ((v (gethash (+ offset (% i n)) h)))
           (when v (setq sum (+ sum v)))))
       sum))))

(defun hts-bench--strings (n)
  (let ((v (make-vector n nil)))
    (dotimes (i n) (aset v i (format "key-%d-%s" i (make-string 8 ?x))))
    v))

(defun hts-bench--short-lists (n)
  (let ((v (make-vector n nil)))
    (dotimes (i n) (aset v i (list 'k (% i 97) (/ i 97) "s")))
    v))

(defun hts-bench--equal-table (keys lookups)
  (let* ((n (length keys))
         (h (make-hash-table :test 'equal :size n))
         (probes (copy-sequence keys)))
    (dotimes (i n) (puthash (aref keys i) i h))
    ;; Probe with equal copies, not the stored objects, as real code does.
    (dotimes (i n) (aset probes i (copy-tree (aref keys i) t)))
    (dotimes (i n) (when (stringp (aref probes i))
                     (aset probes i (copy-sequence (aref keys i)))))
    (hts-bench--time
     (let ((sum 0))
       (dotimes (i lookups)
         (setq sum (+ sum (gethash (aref probes (% i n)) h))))
       sum))))

(define-hash-table-test 'hts-bench--mod-test
  (lambda (a b) (= a b))
  (lambda (a) (% a 1000)))

(defun hts-bench--gc (tables weakness key)
  "Five garbage collections with TABLES live tables of 100 entries each.
Keys are (funcall KEY j); the tables have :weakness WEAKNESS."
  (let ((v (make-vector tables nil)))
    (dotimes (i tables)
      (let ((h (make-hash-table :weakness weakness :size 100)))
        (dotimes (j 100) (puthash (funcall key j) j h))
        (aset v i h)))
    (garbage-collect)
    (prog1 (hts-bench--time (dotimes (_ 5) (garbage-collect)))
      (setq hts-bench--sink v))))

(defun hts-bench--switch-symbols (x)
  (pcase x
    ('alpha 1) ('beta 2) ('gamma 3) ('delta 4) ('epsilon 5) ('zeta 6)
    ('eta 7) ('theta 8) ('iota 9) ('kappa 10) ('lambda 11) ('mu 12)
    (_ 0)))

(defun hts-bench--switch-strings (x)
  (cond ((equal x "alpha") 1) ((equal x "beta") 2) ((equal x "gamma") 3)
        ((equal x "delta") 4) ((equal x "epsilon") 5) ((equal x "zeta") 6)
        ((equal x "eta") 7) ((equal x "theta") 8) ((equal x "iota") 9)
        ((equal x "kappa") 10) ((equal x "lambda") 11) ((equal x "mu") 12)
        (t 0)))

(defconst hts-bench--benchmarks
  `(("gethash-eq-10-hit"   . ,(lambda () (hts-bench--gethash 10 2000000 t)))
    ("gethash-eq-10-miss"  . ,(lambda () (hts-bench--gethash 10 2000000 nil)))
    ("gethash-eq-1k-hit"   . ,(lambda () (hts-bench--gethash 1000 2000000 t)))
    ("gethash-eq-1k-miss"  . ,(lambda () (hts-bench--gethash 1000 2000000 nil)))
    ("gethash-eq-1M-hit"   . ,(lambda () (hts-bench--gethash 1000000 2000000 t)))
    ("gethash-eq-1M-miss"  . ,(lambda () (hts-bench--gethash 1000000 2000000 nil)))
    ("puthash-grow-1M"     . ,(lambda ()
                                (hts-bench--time
                                 (let ((h (make-hash-table :test 'eq)))
                                   (dotimes (i 1000000) (puthash i i h))
                                   h))))
    ("equal-strings"       . ,(lambda () (hts-bench--equal-table (hts-bench--strings 10000) 1000000)))
    ("equal-short-lists"   . ,(lambda () (hts-bench--equal-table (hts-bench--short-lists 10000) 1000000)))
    ("eql-churn"           . ,(lambda ()
                                (let ((h (make-hash-table :test 'eql)))
                                  (dotimes (i 1000) (puthash (float i) i h))
                                  (hts-bench--time
                                   (dotimes (i 1000000)
                                     (puthash (float (+ 1000 i)) i h)
                                     (remhash (float i) h))
                                   h))))
    ("maphash-1M"          . ,(lambda ()
                                (let ((h (hts-bench--eq-table 1000000)))
                                  (hts-bench--time
                                   (let ((sum 0))
                                     (dotimes (_ 3)
                                       (maphash (lambda (_k v) (setq sum (+ sum v))) h))
                                     sum)))))
    ("user-defined-test"   . ,(lambda ()
                                (let ((h (make-hash-table :test 'hts-bench--mod-test)))
                                  (dotimes (i 5000) (puthash i i h))
                                  (hts-bench--time
                                   (let ((sum 0))
                                     (dotimes (i 300000)
                                       (setq sum (+ sum (gethash (% i 5000) h))))
                                     sum)))))
    ("switch-symbols"      . ,(lambda ()
                                (let ((keys [alpha beta gamma delta epsilon zeta eta theta
                                             iota kappa lambda mu nu]))
                                  (hts-bench--time
                                   (let ((sum 0))
                                     (dotimes (i 2000000)
                                       (setq sum (+ sum (hts-bench--switch-symbols
                                                         (aref keys (% i 13))))))
                                     sum)))))
    ("switch-strings"      . ,(lambda ()
                                (let ((keys (vconcat (mapcar #'copy-sequence
                                                             '("alpha" "beta" "gamma" "delta" "epsilon"
                                                               "zeta" "eta" "theta" "iota" "kappa"
                                                               "lambda" "mu" "nu")))))
                                  (hts-bench--time
                                   (let ((sum 0))
                                     (dotimes (i 1000000)
                                       (setq sum (+ sum (hts-bench--switch-strings
                                                         (aref keys (% i 13))))))
                                     sum)))))
    ("gc-10k-tables-1M"    . ,(lambda () (hts-bench--gc 10000 nil #'identity)))
    ("gc-1k-weak-tables"   . ,(lambda () (hts-bench--gc 1000 'key #'list)))
    ("make-drop-100k"      . ,(lambda ()
                                (hts-bench--time
                                 (dotimes (i 100000)
                                   (let ((h (make-hash-table :size 4)))
                                     (puthash i i h)))
                                 (garbage-collect)))))
  "Name and thunk of each benchmark; a thunk returns its seconds.")

(defun hts-bench-names ()
  (mapcar #'car hts-bench--benchmarks))

(defun hts-bench-run (name)
  "Run benchmark NAME once in this Emacs and print its seconds."
  (let ((thunk (cdr (assoc name hts-bench--benchmarks))))
    (unless thunk (error "No benchmark %s" name))
    (garbage-collect)
    (princ (format "%.6f\n" (funcall thunk)))))

;;; hts-bench.el ends here
