;;; hts-bench.el --- hash table benchmarks, run on patched and stock Emacs  -*- lexical-binding: t -*-

;; Each benchmark sets up, then times only its core loop, and prints the
;; seconds it took and the garbage collections done meanwhile (the change
;; in `gcs-done'), as "SECONDS GCS".  tools/bench byte-compiles this file
;; with each Emacs, runs every benchmark in a fresh Emacs, alternating
;; stock and patched, and reports medians and patched/stock ratios; a row
;; meets its target only if both Emacsen collected about as often.
;;
;;   emacs -Q --batch -l hts-bench.elc --eval '(hts-bench-run "NAME")'

(require 'cl-lib)

(defvar hts-bench--sink nil "Keeps results alive, so loops are not optimised away.")

(defvar hts-bench--gcs nil
  "Garbage collections done while the last `hts-bench--time' ran its body.")

(defmacro hts-bench--time (&rest body)
  "Run BODY and return the seconds it took.
Set `hts-bench--gcs' to the garbage collections done meanwhile."
  `(let ((gcs0 gcs-done)
         (t0 (float-time)))
     (setq hts-bench--sink (progn ,@body))
     (prog1 (- (float-time) t0)
       (setq hts-bench--gcs (- gcs-done gcs0)))))

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

(defun hts-bench--lookups (test make-key n lookups hit)
  "LOOKUPS gethash calls on a TEST table of N keys (funcall MAKE-KEY i).
Hits probe with fresh equal copies of the keys, as real code does;
misses with keys N..2N-1, which are not in the table."
  (let ((h (make-hash-table :test test :size n))
        (probes (make-vector n nil)))
    (dotimes (i n) (puthash (funcall make-key i) i h))
    (dotimes (i n) (aset probes i (funcall make-key (if hit i (+ n i)))))
    (hts-bench--time
     (let ((sum 0))
       (dotimes (i lookups)
         (let ((v (gethash (aref probes (% i n)) h)))
           (when v (setq sum (+ sum v)))))
       sum))))

(defun hts-bench--string-key (i)
  (format "key-%d-%s" i (make-string 8 ?x)))

(defun hts-bench--list-key (i)
  (list 'k (% i 97) (/ i 97) "s"))

(define-hash-table-test 'hts-bench--user-test
  (lambda (a b) (= a b))
  (lambda (a) a))

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

(defun hts-bench--switch-at-run-time ()
  "A pcase switch byte-compiled now: its jump table is made by puthash."
  (byte-compile
   '(lambda (x)
      (pcase x
        ('alpha 1) ('beta 2) ('gamma 3) ('delta 4) ('epsilon 5) ('zeta 6)
        ('eta 7) ('theta 8) ('iota 9) ('kappa 10) ('lambda 11) ('mu 12)
        (_ 0)))))

(defun hts-bench--lookup-benchmarks ()
  "gethash under every test, hits and misses, at 10, 1k and 1M entries."
  (let (out)
    (dolist (test `((eql ,#'float)
                    (equal-strings hts-bench--string-key)
                    (equal-lists hts-bench--list-key)
                    (user hts-bench--user-key)))
      (dolist (size '((10 . "10") (1000 . "1k") (1000000 . "1M")))
        (dolist (hit '(t nil))
          (let ((name (format "gethash-%s-%s-%s" (car test) (cdr size) (if hit "hit" "miss")))
                (tst (pcase (car test) ('eql 'eql) ('user 'hts-bench--user-test) (_ 'equal)))
                (key (cadr test))
                (n (car size)))
            (push (cons name (lambda ()
                               (hts-bench--lookups tst key n
                                                   (if (eq tst 'hts-bench--user-test) 300000 1000000)
                                                   hit)))
                  out)))))
    (nreverse out)))

(defun hts-bench--user-key (i) i)

(defun hts-bench--json-document (n)
  "A JSON array of N objects, each holding one more: 2N tables parsed."
  (with-temp-buffer
    (insert "[")
    (dotimes (i n)
      (insert (format "%s{\"id\":%d,\"name\":\"item %d\",\"ok\":true,\
\"pos\":{\"line\":%d,\"character\":%d}}"
                      (if (> i 0) "," "") i i (* 3 i) (% i 80))))
    (insert "]")
    (buffer-string)))

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
    ;; The commonest write in counting loops: `puthash' on a key the
    ;; table holds, which only replaces the value.
    ("puthash-set-value"   . ,(lambda ()
                                (let ((h (hts-bench--eq-table 1000)))
                                  (hts-bench--time
                                   (dotimes (i 2000000) (puthash (% i 1000) i h))
                                   h))))
    ,@(hts-bench--lookup-benchmarks)
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
    ("switch-at-run-time"  . ,(lambda ()
                                (let ((f (hts-bench--switch-at-run-time))
                                      (keys [alpha beta gamma delta epsilon zeta eta theta
                                             iota kappa lambda mu nu]))
                                  (hts-bench--time
                                   (let ((sum 0))
                                     (dotimes (i 2000000)
                                       (setq sum (+ sum (funcall f (aref keys (% i 13))))))
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
    ;; Keys no one else holds: the first GC empties the tables.
    ("gc-1k-weak-tables"   . ,(lambda () (hts-bench--gc 1000 'key #'list)))
    ;; Keys held elsewhere: every GC keeps all 100,000 weak entries.
    ("gc-1k-weak-tables-live" . ,(lambda ()
                                   (let ((held (make-vector 100 nil)))
                                     (dotimes (j 100) (aset held j (list j)))
                                     (hts-bench--gc 1000 'key (lambda (j) (aref held j))))))
    ;; lsp-mode's default: many small objects, each a table.
    ("json-parse-hash-tables" . ,(lambda ()
                                   (let ((doc (hts-bench--json-document 20000)))
                                     (hts-bench--time
                                      (let (parsed)
                                        (dotimes (_ 5)
                                          (setq parsed (json-parse-string
                                                        doc :object-type 'hash-table)))
                                        parsed)))))
    ("make-drop-100k"      . ,(lambda ()
                                (hts-bench--time
                                 (dotimes (i 100000)
                                   (let ((h (make-hash-table :size 4)))
                                     (puthash i i h)))
                                 (garbage-collect)))))
  "Name and thunk of each benchmark.
A thunk times its core with `hts-bench--time' and returns the seconds.")

(defun hts-bench-names ()
  (mapcar #'car hts-bench--benchmarks))

(defun hts-bench--warm-up ()
  "Make, fill, change and drop tables: 200,000 writes.
In the patched Emacs that is set-up, as a long session's is: the JVM
makes its upcall stub after the first 10,000 writes and compiles the
store's write paths, which a benchmark's timed part should not pay for.
Start-up has rows of its own."
  (dotimes (i 50000)
    (let ((h (make-hash-table)))
      (puthash i i h)
      (puthash i (1+ i) h)
      (remhash i h))))

(defun hts-bench-run (name)
  "Run benchmark NAME once in this Emacs and print its seconds and GCs.
One line, \"SECONDS GCS\": the seconds of its timed part and the
garbage collections done during that part."
  (let ((thunk (cdr (assoc name hts-bench--benchmarks))))
    (unless thunk (error "No benchmark %s" name))
    (hts-bench--warm-up)
    (garbage-collect)
    (setq hts-bench--gcs nil)
    (let ((seconds (funcall thunk)))
      (unless hts-bench--gcs
        (error "Benchmark %s is not timed by hts-bench--time" name))
      (princ (format "%.6f %d\n" seconds hts-bench--gcs)))))

;;; hts-bench.el ends here
