; Native, with a barrier: thread t writes p[t] = t, waits for the block, then reads its
; neighbour's slot: q[t] = p[t % n + 1] (1-based).
declare i32 @strata_native_thread_idx_x()
declare void @strata_native_sync_threads()

define void @rotate(ptr %p, i64 %n, ptr %q, i64 %m) {
entry:
  %t = call i32 @strata_native_thread_idx_x()
  %ti = sext i32 %t to i64
  %i0 = sub i64 %ti, 1
  %pp = getelementptr i64, ptr %p, i64 %i0
  store i64 %ti, ptr %pp
  call void @strata_native_sync_threads()
  %j = urem i64 %ti, %n
  %pj = getelementptr i64, ptr %p, i64 %j
  %v = load i64, ptr %pj
  %qq = getelementptr i64, ptr %q, i64 %i0
  store i64 %v, ptr %qq
  ret void
}
