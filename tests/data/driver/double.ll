; Native: p[i] *= 2 for the grid's global index i <= length(p) (the array is a pointer
; and its length, the kernel ABI); a negative element throws.
@name = private unnamed_addr constant [14 x i8] c"DomainError\00\00\00"

declare i32 @strata_native_thread_idx_x()
declare i32 @strata_native_block_idx_x()
declare i32 @strata_native_block_dim_x()
declare void @gpu_report_exception_name(ptr)
declare void @gpu_signal_exception()

define void @double(ptr %p, i64 %n) {
entry:
  %t = call i32 @strata_native_thread_idx_x()
  %b = call i32 @strata_native_block_idx_x()
  %d = call i32 @strata_native_block_dim_x()
  %b0 = sub i32 %b, 1
  %base = mul i32 %b0, %d
  %i32 = add i32 %base, %t
  %i = sext i32 %i32 to i64
  %in = icmp sle i64 %i, %n
  br i1 %in, label %body, label %done
body:
  %i0 = sub i64 %i, 1
  %ptr = getelementptr float, ptr %p, i64 %i0
  %v = load float, ptr %ptr
  %neg = fcmp olt float %v, 0.0
  br i1 %neg, label %throw, label %store
throw:
  call void @gpu_report_exception_name(ptr @name)
  call void @gpu_signal_exception()
  unreachable
store:
  %v2 = fmul float %v, 2.0
  store float %v2, ptr %ptr
  br label %done
done:
  ret void
}
