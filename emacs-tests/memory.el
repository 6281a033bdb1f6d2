;;; memory.el --- Tables' memory counts toward GC as stock's vectors do  -*- lexical-binding: t -*-

;; emacs -Q --batch -l memory.el --eval '(hts-memory-run "LOOP")'
;;
;; Runs one loop that makes, grows, copies and drops large hash tables and
;; prints the number of garbage collections it caused: the change in
;; `gcs-done' across the loop alone.  In stock Emacs a table's arrays are
;; Lisp vectors, so making, growing and copying a table counts toward
;; `gc-cons-threshold' and a loop that drops big tables collects as it
;; goes; the patched Emacs must count its tables' memory in the store the
;; same way, or such a loop never collects and its memory grows without
;; bound (issue 19).  emacs-tests/run runs each loop in a fresh Emacs of
;; each kind, so that the peak RSS it reads is the loop's, and holds the
;; patched Emacs to stock: GC counts within 10%, peak RSS at most stock's
;; plus what its JVM costs (measured by the "at-work" loop).
;;
;; The GCs are counted with `gc-cons-percentage' 0, so that a GC comes
;; every `gc-cons-threshold' bytes consed: what they count is what the
;; tables cons.  With a percentage, the threshold also grows with the
;; live bytes, and a GC's conservative scan of the C stack keeps a dead
;; table or not depending on what the frames below happen to hold: one
;; big table more or less live at each GC moves the counts by a third,
;; whatever the tables cons (Emacs 30 stock keeps one in some loops,
;; the patched Emacs in others).  The "live" loop counts live tables'
;; bytes toward the threshold, as the GC does, with enough of them live
;; that one more or less does not matter.
;;
;; LOOP is one of:
;;   make-drop         300 eql tables made with :size 100,000, one entry each
;;   grow              60 eql tables grown by puthash from the default size
;;                     to 30,000 entries
;;   copy              200 copies of one table of 30,000 entries (grown
;;                     before the count starts)
;;   tests-weaknesses  each test (eq, eql, equal on strings, a user-defined
;;                     one on strings) with each weakness, 3 rounds: a table
;;                     made with :size 50,000, and one grown from the
;;                     default size to 10,000 entries, copied
;;   live              with 20 tables of :size 100,000 live and the default
;;                     `gc-cons-percentage', 2,000 tables grown to 1,000
;;                     entries and dropped: the live tables' bytes set the
;;                     threshold
;;   at-work           for what the patched Emacs's JVM costs once it has
;;                     worked (its JIT compilers run, its heap used):
;;                     tables of each test and weakness grown to 300
;;                     entries and copied, 100 rounds, with a GC forced
;;                     after each round so that table memory stays small
;;                     on both Emacsen whatever either counts;
;;                     emacs-tests/run takes its peak RSS, patched minus
;;                     stock, as the JVM's baseline
;;   at-rest           one small table: for what the JVM costs just
;;                     started, which emacs-tests/run states beside it
;;
;; Tables are dropped as soon as made, grown or copied; keys are
;; fixnums, or strings made before the count starts, so that the loops
;; cons nothing but tables.

(define-hash-table-test 'hts-memory-user #'string= #'sxhash-equal)

(defconst hts-memory--tests '(eq eql equal hts-memory-user))
(defconst hts-memory--weaknesses '(nil key value key-or-value key-and-value))

(defvar hts-memory--strings nil
  "Keys for the tests on strings: a vector of 10,000 strings.")

(defun hts-memory--fill (h n)
  "Puts N entries into H, with string keys if its test compares strings."
  (if (memq (hash-table-test h) '(equal hts-memory-user))
      (dotimes (i n) (puthash (aref hts-memory--strings i) i h))
    (dotimes (i n) (puthash i i h)))
  h)

(defun hts-memory--gcs (thunk &optional percentage)
  "The number of GCs while THUNK runs, starting from a fresh GC so that
the count does not depend on what was consed before.  `gc-cons-percentage'
is PERCENTAGE meanwhile, or 0."
  (let ((gc-cons-percentage (or percentage 0.0)))
    (garbage-collect)
    (let ((before gcs-done))
      (funcall thunk)
      (- gcs-done before))))

(defun hts-memory--make-drop ()
  (hts-memory--gcs
   (lambda ()
     (dotimes (i 300)
       (puthash i i (make-hash-table :test 'eql :size 100000))))))

(defun hts-memory--grow ()
  (hts-memory--gcs
   (lambda ()
     (dotimes (_ 60)
       (hts-memory--fill (make-hash-table :test 'eql) 30000)))))

(defun hts-memory--copy ()
  (let ((h (hts-memory--fill (make-hash-table :test 'eql) 30000)))
    (hts-memory--gcs
     (lambda ()
       (dotimes (_ 200)
         (copy-hash-table h))))))

(defun hts-memory--each-kind (fn)
  "Calls FN with each test and weakness."
  (dolist (test hts-memory--tests)
    (dolist (weakness hts-memory--weaknesses)
      (funcall fn test weakness))))

(defun hts-memory--tests-weaknesses ()
  (hts-memory--gcs
   (lambda ()
     (dotimes (_ 3)
       (hts-memory--each-kind
        (lambda (test weakness)
          (hts-memory--fill (make-hash-table :test test :weakness weakness :size 50000) 1)
          (copy-hash-table
           (hts-memory--fill (make-hash-table :test test :weakness weakness) 10000))))))))

(defvar hts-memory--kept nil
  "The big tables the live loop keeps reachable while it counts.")

(defun hts-memory--live ()
  (dotimes (_ 20)
    (push (hts-memory--fill (make-hash-table :test 'eql :size 100000) 1) hts-memory--kept))
  (hts-memory--gcs
   (lambda ()
     (dotimes (_ 2000)
       (hts-memory--fill (make-hash-table :test 'eql) 1000)))
   0.1))

(defun hts-memory--at-work ()
  (hts-memory--gcs
   (lambda ()
     (dotimes (_ 100)
       (hts-memory--each-kind
        (lambda (test weakness)
          (copy-hash-table
           (hts-memory--fill (make-hash-table :test test :weakness weakness) 300))))
       (garbage-collect)))))

(defun hts-memory--at-rest ()
  (hts-memory--gcs
   (lambda ()
     (puthash 1 1 (make-hash-table)))))

(defconst hts-memory--loops
  '(("make-drop" . hts-memory--make-drop)
    ("grow" . hts-memory--grow)
    ("copy" . hts-memory--copy)
    ("tests-weaknesses" . hts-memory--tests-weaknesses)
    ("live" . hts-memory--live)
    ("at-work" . hts-memory--at-work)
    ("at-rest" . hts-memory--at-rest)))

(defun hts-memory-run (loop)
  "Runs LOOP, a name from `hts-memory--loops', and prints its GC count."
  (let ((fn (or (cdr (assoc loop hts-memory--loops))
                (error "No loop %s; there are %s" loop (mapcar #'car hts-memory--loops)))))
    ;; Interpreted code conses an environment for each binding it makes,
    ;; which would count toward GC alike on both Emacsen and blur the
    ;; difference the tables make; compiled, the loops cons only tables.
    (dolist (f (list fn #'hts-memory--fill #'hts-memory--gcs #'hts-memory--each-kind))
      (byte-compile f))
    (setq hts-memory--strings (make-vector 10000 nil))
    (dotimes (i 10000) (aset hts-memory--strings i (format "key %d" i)))
    (princ (format "%d\n" (funcall fn)))))

;;; memory.el ends here
