;;; hts-tests.el --- Emacs behaviour the hash table store must keep  -*- lexical-binding: t -*-

;; Run on both the patched and the stock Emacs by emacs-tests/run: each
;; test states what stock Emacs does, 28.2 or 30 (where they differ, it
;; says what each does), so both must pass.  They cover what crosses the
;; boundary between Lisp and the store: non-local exits out of user tests
;; and maphash bodies, quitting, threads, GC.

(require 'ert)
(require 'cl-lib)

(defconst hts-test--30 (>= emacs-major-version 30)
  "Whether this is Emacs 30, whose tables size, grow and print otherwise.")

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
    ;; 28.2 grows by rehash-size 1.5, 30 from a base of 6, times 4.
    (should (= (hash-table-size h) (if hts-test--30 24 6)))
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
                     (if hts-test--30
                         "#s(hash-table test equal data (\"one\" 1 (2) \"two\"))"
                       "#s(hash-table size 10 test equal rehash-size 2.0 rehash-threshold 0.8125 data (\"one\" 1 (2) \"two\"))")))
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
  "28.2: 65 slots by default, grown by the rehash-size.  30: none by
default, grown 0 to 6, then times 4 up to 64, then times 2; the rehash
parameters are accepted and ignored."
  (let ((h (make-hash-table)))
    (should (= (hash-table-size h) (if hts-test--30 0 65)))
    (dotimes (i 66) (puthash i i h))
    (should (= (hash-table-size h) (if hts-test--30 96 97)))
    (should (= (hash-table-rehash-size (make-hash-table :rehash-size 1.3))
               (if hts-test--30 1.5 1.300000011920929)))
    (let ((g (make-hash-table :size 10 :rehash-size 5)))
      (dotimes (i 11) (puthash i i g))
      (should (= (hash-table-size g) (if hts-test--30 40 15))))
    (when hts-test--30
      (let ((g (make-hash-table :size 100)))
        (dotimes (i 101) (puthash i i g))
        (should (= (hash-table-size g) 200))
        (should (= (internal--hash-table-index-size g) 256))))))

;;; Memory: in 28.2, a table's entries count toward GC as stock's four
;;; vectors, key_and_value (2N), hash (N), next (N) and index
;;; (hash_index_size: the next odd number over N / threshold not divisible
;;; by 3, 5 or 7).  In 30 they are malloc'd arrays that count toward GC
;;; but not among the vectors: only the table object is a vector, of 8
;;; cells after its header on both Emacsen (memory.el holds 30's arrays
;;; to stock's by the GCs they cause).

(defun hts-test--vector-cells-consed (thunk)
  "The vector cells `memory-use-counts' counts while THUNK runs."
  (let ((before (nth 2 (memory-use-counts))))
    (funcall thunk)
    (- (nth 2 (memory-use-counts)) before)))

(defun hts-test--vector-figures ()
  "`garbage-collect''s counts of live vectors and of their slots."
  (let ((stats (garbage-collect)))
    (list (nth 2 (assq 'vectors stats)) (nth 2 (assq 'vector-slots stats)))))

;; The table object itself is 15 cells after its header in 28.2 and 8
;; in 30, in stock and the patched Emacs alike (the patched one has a
;; handle, a layout and sizes where stock has its vectors, a count and a
;; free list's head, and an unused word to make up stock's size).
(defun hts-test--with-table-object (cells &optional header)
  "CELLS and a table object's cells.
With HEADER, the object's header counts as a cell, as in a GC's slots."
  (+ cells (if hts-test--30 8 15) (if header 1 0)))

(when hts-test--30 ; what 30 does and 28.2 does not
(ert-deftest hts-making-a-table-conses-only-its-object-in-30 ()
  (dolist (size '(0 10 1000 100000))
    (should (= (hts-test--vector-cells-consed (lambda () (make-hash-table :size size)))
               (hts-test--with-table-object 0))))
  (let ((h (make-hash-table)))
    (should (= 0 (hts-test--vector-cells-consed
                  (lambda () (dotimes (i 1000) (puthash i i h)) (clrhash h)))))
    (should (= (hts-test--vector-cells-consed (lambda () (copy-hash-table h)))
               (hts-test--with-table-object 0)))
    (let* ((gc-cons-threshold most-positive-fixnum)
           (before (hts-test--vector-figures))
           (g (make-hash-table :size 50000))
           (with (hts-test--vector-figures)))
      (should (equal (list (- (car with) (car before)) (- (cadr with) (cadr before)))
                     (list 1 (hts-test--with-table-object 0 'header))))
      (puthash 1 1 g)
      (should (equal (hts-test--vector-figures) with))))))

(unless hts-test--30 ; what 28.2 does and 30 does not
(ert-deftest hts-making-a-table-conses-stocks-four-vectors ()
  (dolist (case '((1000 0.8125 1231) (65 0.8125 83) (10 0.5 23) (0 0.8125 1)))
    (pcase-let ((`(,size ,threshold ,index) case))
      (should (= (hts-test--vector-cells-consed
                  (lambda () (make-hash-table :size size :rehash-threshold threshold)))
                 (hts-test--with-table-object (+ (* 4 (max size 1)) index))))))))

(unless hts-test--30 ; what 28.2 does and 30 does not
(ert-deftest hts-growing-and-copying-cons-new-vectors-and-nothing-else-does ()
  (let ((h (make-hash-table :size 10)))
    (should (= 0 (hts-test--vector-cells-consed
                  (lambda ()
                    (dotimes (i 10) (puthash i i h))
                    (puthash 3 'three h)
                    (gethash 3 h)
                    (gethash 99 h)
                    (maphash #'ignore h)
                    (remhash 4 h)
                    (puthash 4 4 h)))))
    ;; The 11th key grows it to 15 slots, index 15 / 0.8125 -> 19.
    (should (= (+ (* 4 15) 19)
               (hts-test--vector-cells-consed (lambda () (puthash 10 10 h)))))
    (should (= (hts-test--vector-cells-consed (lambda () (copy-hash-table h)))
               (hts-test--with-table-object (+ (* 4 15) 19))))
    (should (= 0 (hts-test--vector-cells-consed (lambda () (clrhash h))))))))

(unless hts-test--30 ; what 28.2 does and 30 does not
(ert-deftest hts-a-live-table-counts-in-garbage-collects-vector-figures ()
  (let* ((gc-cons-threshold most-positive-fixnum)
         (before (hts-test--vector-figures))
         ;; 50000 / 0.8125 = 61538.5 -> 61539 = 3 * 20513 -> 61541.
         (h (make-hash-table :size 50000))
         (with (hts-test--vector-figures)))
    (should (= (- (car with) (car before)) 5))
    (should (= (- (cadr with) (cadr before))
               ;; Each vector's header is a slot too.
               (hts-test--with-table-object (+ 4 (* 4 50000) 61541) 'header)))
    ;; The patched Emacs puts the table in its store at its first use,
    ;; where Java sizes its index: no change.
    (puthash 1 1 h)
    (should (equal (hts-test--vector-figures) with)))))

(ert-deftest hts-making-and-dropping-big-tables-collects-as-it-goes ()
  "Each table's vectors are over `gc-cons-threshold': one GC each."
  (dolist (weakness '(nil key value key-or-value key-and-value))
    (let ((gc-cons-threshold 800000)
          (gc-cons-percentage 0)        ; whatever earlier tests left live
          (before gcs-done))
      (dotimes (i 20)
        (puthash i i (make-hash-table :size 100000 :weakness weakness)))
      (should (>= (- gcs-done before) 18)))))

;;; When tables enter the store (patched Emacs only: stock has no store).

(defun hts-test--store-tables ()
  (plist-get (internal--hash-table-store-stats) :live-tables))

(defun hts-test--make-and-drop-tables (n)
  "Make N tables with an entry each, and keep none of them."
  (dotimes (i n)
    (puthash i i (make-hash-table :test 'eq))))

(ert-deftest hts-the-store-reports-its-figures-as-a-labelled-plist ()
  (skip-unless (fboundp 'internal--hash-table-store-stats))
  (let ((stats (internal--hash-table-store-stats)))
    (should (equal (cl-remove-if-not #'keywordp stats)
                   '(:live-tables :live-entries :weak-tables :pure-tables
                     :native-bytes :gcs :dropped-last-gc :dropped-total
                     :jvm-heap-used :jvm-heap-committed)))
    (should (cl-every #'natnump (cl-remove-if #'keywordp stats))))
  (garbage-collect)
  ;; No GC but ours from here on: one could drop tables that the GC above
  ;; kept through stale words on the C stack, which GC scans
  ;; conservatively, and change the figures under the test.
  (let* ((gc-cons-threshold most-positive-fixnum)
         (key (list 1))
         (before (internal--hash-table-store-stats))
         (h (make-hash-table :test 'eq :size 1000))
         (w (make-hash-table :test 'eq :weakness 'key)))
    (dotimes (i 100) (puthash i i h))
    (puthash key 1 w)
    (let ((now (internal--hash-table-store-stats)))
      (should (= (plist-get now :live-tables)
                 (+ 2 (plist-get before :live-tables))))
      (should (= (plist-get now :live-entries)
                 (+ 101 (plist-get before :live-entries))))
      (should (= (plist-get now :weak-tables)
                 (1+ (plist-get before :weak-tables))))
      ;; A 1000-slot table takes at least its keys, values and hashes.
      (should (>= (- (plist-get now :native-bytes)
                     (plist-get before :native-bytes))
                  (* 1000 24)))
      (should (<= (plist-get now :jvm-heap-used)
                  (plist-get now :jvm-heap-committed))))
    (hts-test--make-and-drop-tables 20)
    (garbage-collect)
    (let ((after (internal--hash-table-store-stats)))
      (should (= (plist-get after :gcs) (1+ (plist-get before :gcs))))
      ;; Stale words may keep a table or two of the twenty.
      (should (>= (plist-get after :dropped-last-gc) 18))
      (should (= (plist-get after :dropped-total)
                 (+ (plist-get before :dropped-total)
                    (plist-get after :dropped-last-gc))))
      (should (gethash key w)))))

(ert-deftest hts-a-new-table-enters-the-store-at-its-first-use ()
  (skip-unless (fboundp 'internal--hash-table-store-stats))
  (let* ((before (hts-test--store-tables))
         (h (make-hash-table :test 'equal :size 10))
         (q (make-hash-table :test 'eq :size 10)))
    (should (= (hts-test--store-tables) before))
    ;; Empty, it answers as stock's would, with no store.
    (should (= (hash-table-size h) 10))
    (should (= (hash-table-count h) 0))
    (should-not (gethash "a" h))
    (should (eq (gethash "a" h 'none) 'none))
    (should-not (remhash "a" h))
    (should-not (remhash 'a q))
    (should (eq (clrhash q) q))
    (should (= (hts-test--store-tables) before))
    (puthash "a" 1 h)
    (should (= (hts-test--store-tables) (1+ before)))
    (should (= (gethash "a" h) 1))
    (should (= (hash-table-size h) 10))))

(defun hts-test--in-fresh-emacs (form)
  "What a fresh `emacs -Q --batch' of this build prints for FORM, read."
  (with-temp-buffer
    (call-process (expand-file-name invocation-name invocation-directory)
                  nil t nil "-Q" "--batch" "--eval" (format "(prin1 %S)" form))
    (car (read-from-string (buffer-string)))))

(ert-deftest hts-a-dumped-table-enters-the-store-at-its-first-use ()
  ;; In a fresh Emacs, since loading ERT changes `definition-prefixes'.
  (skip-unless (fboundp 'internal--hash-table-store-stats))
  (should
   (equal
    (hts-test--in-fresh-emacs
     ;; A GC first: it puts the dumped weak tables with entries into the
     ;; store, which a GC later in the form would do and be counted.
     '(let* ((tables (lambda () (plist-get (internal--hash-table-store-stats)
                                           :live-tables)))
             (keys nil)
             ;; Made first: making a closure may use a table of its own
             ;; (Emacs 30's cconv does).
             (walk (lambda (k _) (push k keys)))
             (before (progn (garbage-collect) (funcall tables)))
             (n (hash-table-count definition-prefixes))
             (counted (- (funcall tables) before))
             (cl (gethash "cl-" definition-prefixes)))
        (puthash "cl-" cl definition-prefixes) ; an existing key
        (list counted
              (- (funcall tables) before)
              (progn (maphash walk definition-prefixes)
                     (- (funcall tables) before))
              (equal (gethash "cl-" definition-prefixes) cl)
              (= (length keys) n)
              (progn (puthash "hts-test-" t definition-prefixes)
                     (remhash "hts-test-" definition-prefixes)
                     (= (hash-table-count definition-prefixes) n)))))
    ;; Counted: no store; looked up: in the store, once and for all.
    '(0 1 1 t t t))))

(ert-deftest hts-a-read-table-fills-like-puthash ()
  ;; A repeated key keeps its first slot and takes the last value; data
  ;; beyond the size grows the table as puthash would.
  ;; 30 ignores the printed size: a read table has one slot per pair.
  (let ((h (car (read-from-string
                 "#s(hash-table size 3 test equal data (\"a\" 1 \"b\" 2 \"a\" 3 \"c\" 4 \"d\" 5))"))))
    (should (= (hash-table-count h) 4))
    (should (= (hash-table-size h) (if hts-test--30 5 4)))
    (should (equal (format "%S" h)
                   (if hts-test--30
                       "#s(hash-table test equal data (\"a\" 3 \"b\" 2 \"c\" 4 \"d\" 5))"
                     (concat "#s(hash-table size 4 test equal rehash-size 1.5 "
                             "rehash-threshold 0.8125 data (\"a\" 3 \"b\" 2 \"c\" 4 \"d\" 5))"))))
    (remhash "b" h)
    (puthash "e" 6 h)
    (let ((keys nil))
      (maphash (lambda (k _) (push k keys)) h)
      (should (equal (nreverse keys) '("a" "e" "c" "d"))))))

(ert-deftest hts-a-read-table-keeps-the-last-value-of-a-repeated-key ()
  ;; As puthash one pair at a time: the first slot, the last value.
  (dolist (case '(("#s(hash-table size 10 test equal data (\"a\" 1 \"b\" 2 \"a\" 3))"
                   (("a" . 3) ("b" . 2)))
                  ("#s(hash-table size 10 test eq data (a 1 b 2 a 3 c 4 b 5))"
                   ((a . 3) (b . 5) (c . 4)))
                  ("#s(hash-table size 10 test eql data (1.0 x 2 y 1.0 z))"
                   ((1.0 . z) (2 . y)))
                  ("#s(hash-table size 4 test equal data ((1 2) p (1 2) q))"
                   (((1 2) . q)))))
    (let ((h (car (read-from-string (car case))))
          (entries nil))
      (maphash (lambda (k v) (push (cons k v) entries)) h)
      (should (equal (nreverse entries) (cadr case)))
      (should (= (hash-table-count h) (length (cadr case))))
      (should (= (hash-table-size h)
                 (cond (hts-test--30       ; a slot per pair
                        (/ (length (plist-get (cdr (car (read-from-string
                                                         (substring (car case) 2))))
                                              'data))
                           2))
                       ((string-match "size 4" (car case)) 4)
                       (t 10)))))))

(ert-deftest hts-a-read-table-with-odd-data-is-an-error ()
  (should (equal (condition-case err
                     (read-from-string "#s(hash-table test eq data (a 1 b))")
                   (error err))
                 (if hts-test--30
                     '(error "Hash table data length is odd")
                   '(error "Hash table data is not a list of even length")))))

(ert-deftest hts-a-read-table-enters-the-store-in-one-call ()
  (skip-unless (fboundp 'internal--hash-table-store-stats))
  (let* ((before (hts-test--store-tables))
         (h (car (read-from-string
                  "#s(hash-table size 10 test eq data (a 1 b 2 c 3))"))))
    (should (= (hts-test--store-tables) (1+ before)))
    (should (= (gethash 'b h) 2))
    (puthash 'd 4 h)
    (should (= (hts-test--store-tables) (1+ before)))
    (should (equal (list (gethash 'a h) (gethash 'd h) (hash-table-count h))
                   '(1 4 4)))))

(ert-deftest hts-make-hash-table-with-a-huge-size-signals-at-once ()
  ;; Stock allocates the slots in make-hash-table, so that is where it
  ;; fails.  Stock 30 then leaves a half-made table that its next GC
  ;; crashes on, so 30 tries in a fresh Emacs.
  (if hts-test--30
      (should (eq (hts-test--in-fresh-emacs
                   '(condition-case nil
                        (progn (make-hash-table :size (ash most-positive-fixnum -3)) 'made)
                      (error 'signalled)))
                  'signalled))
    (should-error (make-hash-table :size (ash most-positive-fixnum -3)))))

(unless hts-test--30 ; what 28.2 does and 30 does not
(ert-deftest hts-make-hash-table-with-a-huge-index-signals-at-once ()
  ;; 30 ignores the threshold and sizes the index by the size alone.
  ;; The index is SIZE / threshold buckets: over its bound, the error
  ;; stock's hash_index_size gives.
  (should (equal (should-error (make-hash-table :size 1000 :rehash-threshold 1e-30))
                 '(error "Hash table too large")))
  ;; Ten billion buckets: stock runs out of memory (in a fresh Emacs, which
  ;; memory-full leaves changed), the store refuses them; neither makes
  ;; the table.
  (should (eq (hts-test--in-fresh-emacs
               '(condition-case nil
                    (progn (make-hash-table :size 1000 :rehash-threshold 1e-7) 'made)
                  (error 'signalled)))
              'signalled))))

;;; Reachability: a table lives as long as anything reaches it.

(defvar hts-test--closure nil)
(defvar hts-test--outer nil)

(defun hts-test--filled (n)
  (let ((h (make-hash-table :test 'equal)))
    (dotimes (i n) (puthash (format "k%d" i) (list i) h))
    h))

(defun hts-test--intact-p (h n)
  (and (= (hash-table-count h) n)
       (cl-loop for i below n always (equal (gethash (format "k%d" i) h) (list i)))))

(ert-deftest hts-tables-reachable-only-indirectly-survive-gc ()
  "Tables reachable only from another table, a closure, a symbol's plist
or the pdumper image keep all their entries through garbage collection."
  (setq hts-test--outer (make-hash-table))
  (let ((inner (hts-test--filled 500)))
    (puthash 'inner inner hts-test--outer)
    (puthash 'deeper (let ((d (make-hash-table :weakness 'key)))
                       (puthash hts-test--outer (hts-test--filled 50) d)
                       d)
             inner))
  (setq hts-test--closure (let ((h (hts-test--filled 300))) (lambda () h)))
  (put 'hts-test--plist-holder 'table (hts-test--filled 200))
  (let ((prefixes (hash-table-count definition-prefixes))
        (dired (gethash "dired" definition-prefixes)))
    (dotimes (_ 3) (garbage-collect))
    (let ((inner (gethash 'inner hts-test--outer)))
      (should (= (hash-table-count inner) 501))
      (should (equal (gethash "k499" inner) '(499)))
      (should (hts-test--intact-p (gethash hts-test--outer (gethash 'deeper inner)) 50)))
    (should (hts-test--intact-p (funcall hts-test--closure) 300))
    (should (hts-test--intact-p (get 'hts-test--plist-holder 'table) 200))
    ;; definition-prefixes comes from the dump.
    (should (= (hash-table-count definition-prefixes) prefixes))
    (should (equal (gethash "dired" definition-prefixes) dired))))

(ert-deftest hts-a-table-on-a-lisp-threads-stack-survives-gc ()
  "A table only a waiting Lisp thread's locals reach survives the main
thread's garbage collections."
  (let* ((ready nil) (go nil)
         (thread (make-thread
                  (lambda ()
                    (let ((h (hts-test--filled 1000)))
                      (setq ready t)
                      (while (not go) (thread-yield))
                      (hts-test--intact-p h 1000))))))
    (while (not ready) (thread-yield))
    (dotimes (_ 3) (garbage-collect))
    (setq go t)
    (should (eq (thread-join thread) t))))

(ert-deftest hts-lisp-threads-hammer-shared-tables ()
  "Six Lisp threads put, remove, look up and walk three shared tables,
yielding often, while garbage collections run: no entry is lost or
invented.  Thread I owns the keys (I . J); it puts 0..N-1, removes the
odd ones, and checks its own at the end."
  (let* ((n 8000)
         (tables (list (make-hash-table :test 'equal)
                       (make-hash-table :test 'eql :size 1)
                       (make-hash-table :test 'equal :weakness 'value)))
         (values (make-vector 6 nil))
         (threads
          (mapcar
           (lambda (id)
             (make-thread
              (lambda ()
                (let ((mine (make-vector n nil)))
                  ;; The weak table's values live here, so they stay.
                  (aset values id mine)
                  (dotimes (j n)
                    (let ((v (list id j)))
                      (aset mine j v)
                      (dolist (h tables) (puthash (if (eq (hash-table-test h) 'eql) (+ (* id n) j) (cons id j)) v h)))
                    (when (zerop (% j 50)) (thread-yield))
                    (when (zerop (% j 1000)) (garbage-collect))
                    (when (zerop (% j 700))
                      (maphash (lambda (_k v) (unless (consp v) (error "Bad value %S" v))) (car tables))))
                  (dotimes (j n)
                    (when (cl-oddp j)
                      (dolist (h tables) (remhash (if (eq (hash-table-test h) 'eql) (+ (* id n) j) (cons id j)) h)))
                    (when (zerop (% j 100)) (thread-yield)))
                  (dotimes (j n)
                    (dolist (h tables)
                      (let ((got (gethash (if (eq (hash-table-test h) 'eql) (+ (* id n) j) (cons id j)) h 'none)))
                        (unless (if (cl-oddp j) (eq got 'none) (eq got (aref mine j)))
                          (error "Thread %d key %d: %S" id j got)))))
                  t))
              (format "hammer-%d" id)))
           '(0 1 2 3 4 5))))
    (should (equal (mapcar #'thread-join threads) '(t t t t t t)))
    (garbage-collect)
    (dolist (h tables) (should (= (hash-table-count h) (* 6 (/ n 2)))))
    (should-not (thread-last-error t))))

;;; hts-tests.el ends here
