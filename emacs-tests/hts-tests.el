;;; hts-tests.el --- Emacs behaviour the hash table store must keep  -*- lexical-binding: t -*-

;; Run on both the patched and the stock Emacs by emacs-tests/run: each
;; test states what stock Emacs 28.2 does, so both must pass.  They cover
;; what crosses the boundary between Lisp and the store: non-local exits
;; out of user tests and maphash bodies, quitting, threads, GC.

(require 'ert)
(require 'cl-lib)

(ert-deftest hts-lisp-threads-share-a-table ()
  "Lisp threads (pthreads under the global lock) filling one table."
  (let* ((h (make-hash-table :test 'equal))
         (threads
          (mapcar (lambda (id)
                    (make-thread
                     (lambda ()
                       (dotimes (i 2000)
                         (puthash (format "%d-%d" id i) i h)
                         (when (zerop (% i 100))
                           (thread-yield)))
                       (dotimes (i 2000)
                         (unless (eql (gethash (format "%d-%d" id i) h) i)
                           (error "Lost %d-%d" id i))))))
                  '(0 1 2 3))))
    (mapc #'thread-join threads)
    (garbage-collect)
    (should (= (hash-table-count h) 8000))
    (should (eql (gethash "3-1999" h) 1999))
    (should-not (thread-last-error t))))

(define-hash-table-test 'hts-test--mod10
  (lambda (a b) (= (% a 10) (% b 10)))
  (lambda (a) (% a 10)))

(ert-deftest hts-an-error-in-a-user-comparison-leaves-the-table-intact ()
  (let ((h (make-hash-table :test 'hts-test--mod10))
        (fail nil))
    (define-hash-table-test 'hts-test--failing
      (lambda (a b) (if fail (error "Comparison failed") (= a b)))
      (lambda (_) 7))
    (setq h (make-hash-table :test 'hts-test--failing))
    (puthash 1 'one h)
    (setq fail t)
    (should (equal (should-error (puthash 2 'two h))
                   '(error "Comparison failed")))
    (should-error (gethash 3 h))
    (setq fail nil)
    (should (= (hash-table-count h) 1))
    (should (eq (gethash 1 h) 'one))
    (puthash 2 'two h)
    (should (= (hash-table-count h) 2))))

(ert-deftest hts-a-throw-out-of-a-user-hash-function-leaves-the-table-intact ()
  (define-hash-table-test 'hts-test--throwing
    (lambda (a b) (equal a b))
    (lambda (a) (if (eq a 'escape) (throw 'out 'thrown) (sxhash-equal a))))
  (let ((h (make-hash-table :test 'hts-test--throwing)))
    (puthash 'a 1 h)
    (should (eq (catch 'out (puthash 'escape 2 h) 'not-thrown) 'thrown))
    (should (eq (catch 'out (gethash 'escape h) 'not-thrown) 'thrown))
    (should (= (hash-table-count h) 1))
    (should (= (gethash 'a h) 1))))

(ert-deftest hts-a-user-test-that-modifies-its-table-is-an-error ()
  (let (h)
    (define-hash-table-test 'hts-test--mutating
      (lambda (a b) (puthash 'sneaky t h) (eq a b))
      (lambda (_) 1))
    (setq h (make-hash-table :test 'hts-test--mutating))
    (puthash 1 1 h)
    (should (equal (cadr (should-error (puthash 2 2 h)))
                   "hash table test modifies table"))
    (should (= (hash-table-count h) 1))))

(defun hts-test--big-table (n)
  (let ((h (make-hash-table)))
    (dotimes (i n) (puthash i (* 2 i) h))
    h))

(ert-deftest hts-quit-interrupts-maphash ()
  "A quit (C-g) during maphash unwinds out of it; the table is intact."
  (let ((h (hts-test--big-table 100000))
        (calls 0))
    (should (eq (condition-case nil
                    (let ((inhibit-quit nil))
                      (maphash (lambda (_k _v)
                                 (cl-incf calls)
                                 (when (= calls 5000) (setq quit-flag t)))
                               h)
                      'finished)
                  (quit 'quit))
                'quit))
    (should (< calls 5010))
    (should (= (hash-table-count h) 100000))
    (should (= (gethash 99999 h) 199998))))

(ert-deftest hts-quit-interrupts-a-gethash-loop ()
  (let ((h (hts-test--big-table 1000))
        (lookups 0))
    (should (eq (condition-case nil
                    (let ((inhibit-quit nil))
                      (while t
                        (gethash (% lookups 1000) h)
                        (cl-incf lookups)
                        (when (= lookups 50000) (setq quit-flag t))))
                  (quit 'quit))
                'quit))
    (should (>= lookups 50000))))

(ert-deftest hts-maphash-under-mutation-follows-slot-order ()
  "Fmaphash re-reads the table: removed entries are skipped, new ones seen
only when they land in a later slot, grown slots included."
  (let ((h (make-hash-table :size 4))
        (seen nil))
    (dolist (k '(a b c d)) (puthash k t h))
    (maphash (lambda (k _)
               (push k seen)
               (when (eq k 'a)
                 (remhash 'c h)          ; frees slot 2, not yet visited
                 (puthash 'e t h)))      ; takes slot 2: seen in c's place
             h)
    (should (equal (nreverse seen) '(a b e d)))
    (should (= (hash-table-size h) 4))
    (setq seen nil)
    (remhash 'a h)
    (maphash (lambda (k _)
               (push k seen)
               (when (eq k 'b)
                 (puthash 'f t h)        ; takes a's slot 0: behind, unseen
                 (puthash 'g t h)))      ; full: grows, slot 4 is seen
             h)
    (should (equal (nreverse seen) '(b e d g)))
    (should (= (hash-table-size h) 6))
    (should (gethash 'f h))))

(ert-deftest hts-remhash-then-puthash-reuses-slots-last-in-first-out ()
  (let ((h (make-hash-table :size 8)) keys)
    (dotimes (i 6) (puthash i t h))
    (remhash 1 h)
    (remhash 4 h)
    (puthash 'x t h)
    (puthash 'y t h)
    (maphash (lambda (k _) (push k keys)) h)
    (should (equal (nreverse keys) '(0 y 2 3 x 5)))))

(ert-deftest hts-weak-tables-lose-dead-entries-at-gc ()
  (let ((strong (make-hash-table :weakness nil))
        (by-key (make-hash-table :weakness 'key))
        (by-value (make-hash-table :weakness 'value))
        (kept (list 'kept)))
    (dolist (h (list strong by-key by-value))
      (puthash kept 1 h)
      (puthash (list 'garbage) (list 'garbage) h)
      (puthash 1 kept h))
    (garbage-collect)
    (should (= (hash-table-count strong) 3))
    (should (= (hash-table-count by-key) 2))      ; the fixnum key survives
    (should (= (hash-table-count by-value) 2))    ; so does the fixnum value
    (should (eq (gethash 1 by-value) kept))
    (should-not (gethash '(garbage) by-key))))

(ert-deftest hts-tables-print-and-read-back ()
  (let* ((h (make-hash-table :test 'equal :size 10 :rehash-size 2.0)))
    (puthash "one" 1 h)
    (puthash '(2) "two" h)
    (let ((printed (prin1-to-string h)))
      (should (equal printed
                     "#s(hash-table size 10 test equal rehash-size 2.0 rehash-threshold 0.8125 data (\"one\" 1 (2) \"two\"))"))
      (let ((back (car (read-from-string printed))))
        (should (= (hash-table-count back) 2))
        (should (equal (gethash '(2) back) "two"))))
    (let ((print-circle t) (x (list 'shared)))
      (puthash 'a x h)
      (puthash 'b x h)
      (should (string-match-p "#1=(shared).*#1#" (prin1-to-string h))))))

(ert-deftest hts-a-table-inside-itself-survives-gc ()
  (let ((h (make-hash-table)))
    (puthash h h h)
    (puthash 'inner (make-hash-table) h)
    (puthash 'x 1 (gethash 'inner h))
    (garbage-collect)
    (should (eq (gethash h h) h))
    (should (= (gethash 'x (gethash 'inner h)) 1))))

(ert-deftest hts-growth-and-size-follow-stock ()
  (let ((h (make-hash-table)))
    (should (= (hash-table-size h) 65))
    (dotimes (i 66) (puthash i i h))
    (should (= (hash-table-size h) 97))
    (should (= (hash-table-rehash-size (make-hash-table :rehash-size 1.3))
               1.300000011920929))
    (let ((g (make-hash-table :size 10 :rehash-size 5)))
      (dotimes (i 11) (puthash i i g))
      (should (= (hash-table-size g) 15)))))

;;; hts-tests.el ends here
