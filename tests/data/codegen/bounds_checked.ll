; ModuleID = 'copy_first'
source_filename = "copy_first"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [12 x i8] c"BoundsError\00", align 1
@.str.1 = private unnamed_addr constant [12 x i8] c"checkbounds\00", align 1
@.str.2 = private unnamed_addr constant [18 x i8] c"prelude/arrays.jl\00", align 1

define internal void @julia_copy_first({ ptr, [1 x i64] } %a, { ptr, [1 x i64] } %out) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call float @julia_getindex({ ptr, [1 x i64] } %a, i64 1)
  %1 = call { ptr, [1 x i64] } @julia_setindex_({ ptr, [1 x i64] } %out, float %0, i64 1)
  ret void
}

; Function Attrs: alwaysinline
define internal float @julia_getindex({ ptr, [1 x i64] } %a, i64 %i) #0 {
top:
  %k = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_convert(i64 %i)
  store i64 %0, ptr %k, align 8
  br label %L5

L5:                                               ; preds = %L1
  %1 = load i64, ptr %k, align 8
  call void @julia_checkbounds({ ptr, [1 x i64] } %a, i64 %1)
  br label %L6

L6:                                               ; preds = %L5
  %2 = extractvalue { ptr, [1 x i64] } %a, 0
  %3 = load i64, ptr %k, align 8
  %4 = sub i64 %3, 1
  %5 = getelementptr inbounds float, ptr %2, i64 %4
  %6 = load float, ptr %5, align 4
  ret float %6
}

; Function Attrs: alwaysinline
define internal { ptr, [1 x i64] } @julia_setindex_({ ptr, [1 x i64] } %a, float %v, i64 %i) #0 {
top:
  %k = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_convert(i64 %i)
  store i64 %0, ptr %k, align 8
  br label %L5

L5:                                               ; preds = %L1
  %1 = load i64, ptr %k, align 8
  call void @julia_checkbounds({ ptr, [1 x i64] } %a, i64 %1)
  br label %L6

L6:                                               ; preds = %L5
  %2 = extractvalue { ptr, [1 x i64] } %a, 0
  %3 = call float @julia_convert_1(float %v)
  %4 = load i64, ptr %k, align 8
  %5 = sub i64 %4, 1
  %6 = getelementptr inbounds float, ptr %2, i64 %5
  store float %3, ptr %6, align 4
  ret { ptr, [1 x i64] } %a
}

define internal i64 @julia_convert(i64 %x) {
top:
  br label %L1

L1:                                               ; preds = %top
  ret i64 %x
}

; Function Attrs: alwaysinline
define internal void @julia_checkbounds({ ptr, [1 x i64] } %a, i64 %i) #0 {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i1 @julia_lt(i64 %i, i64 1)
  %1 = call i64 @julia_length({ ptr, [1 x i64] } %a)
  %2 = call i1 @julia_gt(i64 %i, i64 %1)
  %3 = call i1 @julia_or(i1 %0, i1 %2)
  br i1 %3, label %L6, label %L11

L6:                                               ; preds = %L1
  call void @julia_BoundsError()
  call void @julia_report_exception_name(ptr @.str)
  call void @julia_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 47)
  call void @julia_signal_exception()
  unreachable

L11:                                              ; preds = %L1
  ret void
}

define internal float @julia_convert_1(float %x) {
top:
  br label %L1

L1:                                               ; preds = %top
  ret float %x
}

define internal i1 @julia_lt(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = icmp slt i64 %a, %b
  ret i1 %0
}

define internal i64 @julia_length({ ptr, [1 x i64] } %a) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = extractvalue { ptr, [1 x i64] } %a, 1
  %1 = call i64 @julia_getindex_1([1 x i64] %0, i64 1)
  ret i64 %1
}

define internal i1 @julia_gt(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i1 @julia_lt(i64 %b, i64 %a)
  ret i1 %0
}

define internal i1 @julia_or(i1 %a, i1 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = or i1 %a, %b
  ret i1 %0
}

define internal void @julia_BoundsError() {
top:
  br label %L1

L1:                                               ; preds = %top
  ret void
}

define internal void @julia_report_exception_name(ptr %ex) {
top:
  br label %L1

L1:                                               ; preds = %top
  call void @gpu_report_exception_name(ptr %ex)
  ret void
}

define internal void @julia_report_exception_frame(i32 %idx, ptr %func, ptr %file, i32 %line) {
top:
  br label %L1

L1:                                               ; preds = %top
  call void @gpu_report_exception_frame(i32 %idx, ptr %func, ptr %file, i32 %line)
  ret void
}

define internal void @julia_signal_exception() {
top:
  br label %L1

L1:                                               ; preds = %top
  call void @gpu_signal_exception()
  ret void
}

define internal i64 @julia_getindex_1([1 x i64] %t, i64 %i) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = extractvalue [1 x i64] %t, 0
  ret i64 %0
}

declare void @gpu_report_exception_name(ptr)

declare void @gpu_report_exception_frame(i32, ptr, ptr, i32)

declare void @gpu_signal_exception()

define ptx_kernel void @copy_first(ptr addrspace(1) %a, i64 %a.dim1, ptr addrspace(1) %out, i64 %out.dim1) {
entry:
  %0 = addrspacecast ptr addrspace(1) %a to ptr
  %1 = insertvalue { ptr, [1 x i64] } undef, ptr %0, 0
  %2 = insertvalue [1 x i64] undef, i64 %a.dim1, 0
  %3 = insertvalue { ptr, [1 x i64] } %1, [1 x i64] %2, 1
  %4 = addrspacecast ptr addrspace(1) %out to ptr
  %5 = insertvalue { ptr, [1 x i64] } undef, ptr %4, 0
  %6 = insertvalue [1 x i64] undef, i64 %out.dim1, 0
  %7 = insertvalue { ptr, [1 x i64] } %5, [1 x i64] %6, 1
  call void @julia_copy_first({ ptr, [1 x i64] } %3, { ptr, [1 x i64] } %7)
  ret void
}

attributes #0 = { alwaysinline }

!nvvm.annotations = !{!0}

!0 = !{ptr @copy_first, !"kernel", i32 1}
