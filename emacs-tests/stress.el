;;; stress.el --- GC stress and leak checks for the hash table store  -*- lexical-binding: t -*-

;; emacs -Q --batch -l stress.el --eval '(hts-stress-run ROUNDS TABLES)'
;;
;; Makes and drops ROUNDS x TABLES tables of every test and weakness, each
;; with a few entries, with a garbage collection after each round, and
;; fills weak tables with entries whose keys or values die.  Prints one
;; line per measurement; on the patched Emacs also the store's figures
;; (internal--hash-table-store-stats).  Exits 1 if:
;;  - after the last GC the store holds more than 10 tables over its
;;    baseline (a few may be kept by stale words on the C stack, which GC
;;    scans conservatively);
;;  - RSS grew by more than 8 MiB between the end of the middle round and
;;    the end of the last (the store or the registry leaking: RSS levels
;;    off once the JVM's young generation has been used once);
;;  - a weak table kept more than 1% of its dead entries, or lost a live one.
;; `make check' runs it small, `make stress' large.

(defun hts-stress--rss-kib ()
  (with-temp-buffer
    (insert-file-contents "/proc/self/status")
    (re-search-forward "^VmRSS:[ \t]*\\([0-9]+\\)")
    (string-to-number (match-string 1))))

(defun hts-stress--live-tables ()
  (if (fboundp 'internal--hash-table-store-stats)
      (plist-get (internal--hash-table-store-stats) :live-tables)
    -1))

(defconst hts-stress--tests [eq eql equal])
(defconst hts-stress--weaknesses [nil key value key-or-value key-and-value])

(defun hts-stress--churn (rounds tables)
  "Returns (BASE LIVE-AFTER RSS-MIDWAY RSS-AFTER-LAST MADE)."
  (garbage-collect)
  (let ((base (hts-stress--live-tables)) (made 0) rss-mid)
    (dotimes (r rounds)
      (dotimes (i tables)
        (let ((h (make-hash-table :test (aref hts-stress--tests (% i 3))
                                  :weakness (aref hts-stress--weaknesses (% i 5))
                                  :size (% i 40))))
          (dotimes (j (% i 7)) (puthash (cons i j) (list j) h))
          (when (zerop (% i 11)) (setq h (copy-hash-table h)))
          (setq made (1+ made))))
      (garbage-collect)
      (when (= r (/ rounds 2)) (setq rss-mid (hts-stress--rss-kib)))
      (when (or (< rounds 10) (zerop (% (1+ r) (/ rounds 10))))
        (princ (format "round %d: %d tables made, %d live in the store (baseline %d), RSS %d KiB\n"
                       (1+ r) made (hts-stress--live-tables) base (hts-stress--rss-kib)))))
    (garbage-collect)
    (list base (hts-stress--live-tables) rss-mid (hts-stress--rss-kib) made)))

(defun hts-stress--weak (n)
  "Fills one table of each weakness with N entries, half of them dead
after a GC; returns a list of (WEAKNESS COUNT-AFTER-GC EXPECTED)."
  (let ((held (make-vector n nil)) results)
    (dotimes (i n) (aset held i (list 'held i)))
    (dolist (w '(key value key-or-value key-and-value))
      (let ((h (make-hash-table :test 'eq :weakness w)))
        (dotimes (i n)
          ;; Even i: key and value held.  i = 1 mod 4: a fresh key, dead
          ;; once this loop is done; i = 3 mod 4: a fresh value.
          (pcase (% i 4)
            ((or 0 2) (puthash (aref held i) (aref held (- n i 1)) h))
            (1 (puthash (list 'dead i) (aref held i) h))
            (3 (puthash (aref held i) (list 'dead i) h))))
        (garbage-collect)
        (let ((live 0) (lost 0))
          (maphash (lambda (k v) (ignore k v) (setq live (1+ live))) h)
          (dotimes (i n)
            (when (and (cl-evenp i) (not (eq (gethash (aref held i) h) (aref held (- n i 1)))))
              (setq lost (1+ lost))))
          ;; An entry stays if the halves its weakness names live: key and
          ;; value keep 3/4, key-and-value 1/2, key-or-value all.
          (push (list w live (pcase w ((or 'key 'value) (* 3 (/ n 4))) ('key-and-value (/ n 2)) (_ n)) lost)
                results))))
    (nreverse results)))

(defun hts-stress-run (rounds tables)
  (require 'cl-lib)
  (let* ((churn (hts-stress--churn rounds tables))
         (weak (hts-stress--weak 20000))
         (ok t))
    (cl-destructuring-bind (base live rss-mid rss-last made) churn
      (princ (format "churn: %d tables made and dropped; store %d tables after the last GC, baseline %d; RSS %d KiB midway, %d KiB at the end\n"
                     made live base rss-mid rss-last))
      (when (and (>= base 0) (> live (+ base 10)))
        (princ "FAILED: the store kept dropped tables\n") (setq ok nil))
      (when (> (- rss-last rss-mid) (* 8 1024))
        (princ "FAILED: RSS grew\n") (setq ok nil)))
    (dolist (r weak)
      (cl-destructuring-bind (w live expected lost) r
        (princ (format "weak %s: %d entries after GC, %d expected, %d live ones lost\n" w live expected lost))
        (when (or (> lost 0) (> live (+ expected (/ expected 100))) (< live expected))
          (princ "FAILED\n") (setq ok nil))))
    (kill-emacs (if ok 0 1))))
