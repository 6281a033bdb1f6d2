;;; faults.el --- Faults in the hash table store reach Lisp as errors  -*- lexical-binding: t -*-

;; For the patched Emacs only; emacs-tests/run starts it so:
;;
;;   HTS_TEST_HOOKS=1 HTS_TEST_FAIL_AFTER=20000 HTS_TEST_FAIL_EVERY=7 \
;;     emacs -Q --batch -l faults.el -f hts-faults-injected
;;       every 7th table operation after start-up throws in Java: each must
;;       be a Lisp error that changed nothing, and the table must agree with
;;       a model afterwards.
;;
;;   HTS_TEST_HOOKS=1 HTS_TEST_MEMORY_LIMIT=33554432 \
;;     emacs -Q --batch -l faults.el -f hts-faults-heap
;;       a table grows until the store can get no more memory for its
;;       arrays (capped at 32 MiB here, so as not to exhaust the machine):
;;       that must be a Lisp error (memory-full), the table must keep every
;;       entry, and Emacs must go on working.
;;
;; Each prints what it saw and exits 0 if all held, else 1.

(require 'cl-lib)
;; cl-count-if is autoloaded from cl-seq: loading it puts entries in
;; tables, which after start-up must not meet an injected fault outside
;; the loop that expects them (a native build, whose loading puts more,
;; met one there).
(require 'cl-seq)

(defun hts-faults--retrying (f)
  "F's value, calling it again while it fails with an injected fault."
  (let (value (done nil))
    (while (not done)
      (condition-case err
          (setq value (funcall f) done t)
        (error (unless (string-match-p "injected" (error-message-string err))
                 (signal (car err) (cdr err))))))
    value))

(defun hts-faults-injected ()
  (let ((h (make-hash-table :test 'equal))
        (model (make-vector 500 nil))
        (r 7) (steps 60000) (injected 0) (other nil))
    (dotimes (i steps)
      (setq r (% (+ (* r 1103515245) 12345) 2147483648))
      (let ((k (% r 500)))
        (condition-case err
            (pcase (% (/ r 500) 3)
              (0 (puthash (format "k%d" k) i h) (aset model k i))
              (1 (remhash (format "k%d" k) h) (aset model k nil))
              (_ (unless (eql (gethash (format "k%d" k) h) (aref model k))
                   (push (list 'mismatch k) other))))
          (error (if (string-match-p "injected" (error-message-string err))
                     (setq injected (1+ injected))
                   (push err other))))))
    (let* ((expected (cl-count-if #'identity model))
           (count (hash-table-count h))
           (wrong (cl-loop for k below 500
                           unless (eql (hts-faults--retrying
                                        (lambda () (gethash (format "k%d" k) h)))
                                       (aref model k))
                           collect k))
           (walked (hts-faults--retrying
                    (lambda () (let ((n 0)) (maphash (lambda (_k _v) (setq n (1+ n))) h) n))))
           (ok (and (> injected 0) (null other) (= count expected) (= walked expected)
                    (null wrong))))
      (princ (format "%d operations, %d injected faults became Lisp errors; other errors %S;\
 count %d, walked %d, model %d; keys that disagree %S\n"
                     steps injected other count walked expected wrong))
      (kill-emacs (if ok 0 1)))))

(defun hts-faults-heap ()
  (let* ((h (make-hash-table)) (n 0)
         (err (condition-case e (while t (puthash n (list n) h) (setq n (1+ n)))
                (error e))))
    (princ (format "the table memory ran out after %d entries: %S\n" n err))
    (let ((kept (hash-table-count h)))
      (setq h nil)
      (garbage-collect)
      (let ((g (make-hash-table :test 'equal)))
        (dotimes (i 10000) (puthash (format "%d" i) i g))
        (princ (format "afterwards: the full table had %d entries; a new table holds %d; %S\n"
                       kept (hash-table-count g) (gethash "9999" g)))
        (kill-emacs (if (and (eq (car err) 'error)
                             (string-match-p "Memory exhausted" (cadr err))
                             (= kept n) (= (hash-table-count g) 10000)
                             (eql (gethash "9999" g) 9999))
                        0 1))))))
