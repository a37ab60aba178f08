; ModuleID = 'copy_first'
source_filename = "copy_first"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [12 x i8] c"BoundsError\00", align 1
@.str.1 = private unnamed_addr constant [12 x i8] c"checkbounds\00", align 1
@.str.2 = private unnamed_addr constant [18 x i8] c"prelude/arrays.jl\00", align 1

define internal void @julia_copy_first({ ptr, [1 x i64] } %a, { ptr, [1 x i64] } %out) {
top:
  %a1 = alloca { ptr, [1 x i64] }, align 8
  store { ptr, [1 x i64] } %a, ptr %a1, align 8
  %out2 = alloca { ptr, [1 x i64] }, align 8
  store { ptr, [1 x i64] } %out, ptr %out2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load { ptr, [1 x i64] }, ptr %a1, align 8
  %1 = call float @julia_getindex({ ptr, [1 x i64] } %0, i64 1)
  %2 = load { ptr, [1 x i64] }, ptr %out2, align 8
  %3 = call { ptr, [1 x i64] } @julia_setindex_({ ptr, [1 x i64] } %2, float %1, i64 1)
  ret void
}

; Function Attrs: alwaysinline
define internal float @julia_getindex({ ptr, [1 x i64] } %a, i64 %i) #0 {
top:
  %a1 = alloca { ptr, [1 x i64] }, align 8
  store { ptr, [1 x i64] } %a, ptr %a1, align 8
  %i2 = alloca i64, align 8
  store i64 %i, ptr %i2, align 8
  %k = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %i2, align 8
  %1 = call i64 @julia_convert(i64 %0)
  store i64 %1, ptr %k, align 8
  br label %L5

L5:                                               ; preds = %L1
  %2 = load { ptr, [1 x i64] }, ptr %a1, align 8
  %3 = load i64, ptr %k, align 8
  call void @julia_checkbounds({ ptr, [1 x i64] } %2, i64 %3)
  br label %L6

L6:                                               ; preds = %L5
  %4 = load { ptr, [1 x i64] }, ptr %a1, align 8
  %5 = extractvalue { ptr, [1 x i64] } %4, 0
  %6 = load i64, ptr %k, align 8
  %7 = call float @julia_unsafe_load(ptr %5, i64 %6)
  ret float %7
}

; Function Attrs: alwaysinline
define internal { ptr, [1 x i64] } @julia_setindex_({ ptr, [1 x i64] } %a, float %v, i64 %i) #0 {
top:
  %a1 = alloca { ptr, [1 x i64] }, align 8
  store { ptr, [1 x i64] } %a, ptr %a1, align 8
  %v2 = alloca float, align 4
  store float %v, ptr %v2, align 4
  %i3 = alloca i64, align 8
  store i64 %i, ptr %i3, align 8
  %k = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %i3, align 8
  %1 = call i64 @julia_convert(i64 %0)
  store i64 %1, ptr %k, align 8
  br label %L5

L5:                                               ; preds = %L1
  %2 = load { ptr, [1 x i64] }, ptr %a1, align 8
  %3 = load i64, ptr %k, align 8
  call void @julia_checkbounds({ ptr, [1 x i64] } %2, i64 %3)
  br label %L6

L6:                                               ; preds = %L5
  %4 = load { ptr, [1 x i64] }, ptr %a1, align 8
  %5 = extractvalue { ptr, [1 x i64] } %4, 0
  %6 = load float, ptr %v2, align 4
  %7 = call float @julia_convert_1(float %6)
  %8 = load i64, ptr %k, align 8
  %9 = call ptr @julia_unsafe_store_(ptr %5, float %7, i64 %8)
  %10 = load { ptr, [1 x i64] }, ptr %a1, align 8
  ret { ptr, [1 x i64] } %10
}

define internal i64 @julia_convert(i64 %x) {
top:
  %x1 = alloca i64, align 8
  store i64 %x, ptr %x1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %x1, align 8
  ret i64 %0
}

; Function Attrs: alwaysinline
define internal void @julia_checkbounds({ ptr, [1 x i64] } %a, i64 %i) #0 {
top:
  %a1 = alloca { ptr, [1 x i64] }, align 8
  store { ptr, [1 x i64] } %a, ptr %a1, align 8
  %i2 = alloca i64, align 8
  store i64 %i, ptr %i2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %i2, align 8
  %1 = call i1 @julia_lt(i64 %0, i64 1)
  %2 = load { ptr, [1 x i64] }, ptr %a1, align 8
  %3 = call i64 @julia_length({ ptr, [1 x i64] } %2)
  %4 = load i64, ptr %i2, align 8
  %5 = call i1 @julia_gt(i64 %4, i64 %3)
  %6 = call i1 @julia_or(i1 %1, i1 %5)
  br i1 %6, label %L6, label %L11

L6:                                               ; preds = %L1
  call void @julia_BoundsError()
  call void @julia_report_exception_name(ptr @.str)
  call void @julia_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 47)
  call void @julia_signal_exception()
  unreachable

L11:                                              ; preds = %L1
  ret void
}

define internal float @julia_unsafe_load(ptr %p, i64 %i) {
top:
  %p1 = alloca ptr, align 8
  store ptr %p, ptr %p1, align 8
  %i2 = alloca i64, align 8
  store i64 %i, ptr %i2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %i2, align 8
  %1 = call i64 @julia_convert(i64 %0)
  %2 = load ptr, ptr %p1, align 8
  %3 = sub i64 %1, 1
  %4 = getelementptr inbounds float, ptr %2, i64 %3
  %5 = load float, ptr %4, align 1
  ret float %5
}

define internal float @julia_convert_1(float %x) {
top:
  %x1 = alloca float, align 4
  store float %x, ptr %x1, align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = load float, ptr %x1, align 4
  ret float %0
}

define internal ptr @julia_unsafe_store_(ptr %p, float %x, i64 %i) {
top:
  %p1 = alloca ptr, align 8
  store ptr %p, ptr %p1, align 8
  %x2 = alloca float, align 4
  store float %x, ptr %x2, align 4
  %i3 = alloca i64, align 8
  store i64 %i, ptr %i3, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load float, ptr %x2, align 4
  %1 = call float @julia_convert_1(float %0)
  %2 = load i64, ptr %i3, align 8
  %3 = call i64 @julia_convert(i64 %2)
  %4 = load ptr, ptr %p1, align 8
  %5 = load ptr, ptr %p1, align 8
  %6 = sub i64 %3, 1
  %7 = getelementptr inbounds float, ptr %5, i64 %6
  store float %1, ptr %7, align 1
  ret ptr %4
}

define internal i1 @julia_lt(i64 %a, i64 %b) {
top:
  %a1 = alloca i64, align 8
  store i64 %a, ptr %a1, align 8
  %b2 = alloca i64, align 8
  store i64 %b, ptr %b2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %a1, align 8
  %1 = load i64, ptr %b2, align 8
  %2 = icmp slt i64 %0, %1
  ret i1 %2
}

define internal i64 @julia_length({ ptr, [1 x i64] } %a) {
top:
  %a1 = alloca { ptr, [1 x i64] }, align 8
  store { ptr, [1 x i64] } %a, ptr %a1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load { ptr, [1 x i64] }, ptr %a1, align 8
  %1 = extractvalue { ptr, [1 x i64] } %0, 1
  %2 = call i64 @julia_getindex_1([1 x i64] %1, i64 1)
  ret i64 %2
}

define internal i1 @julia_gt(i64 %a, i64 %b) {
top:
  %a1 = alloca i64, align 8
  store i64 %a, ptr %a1, align 8
  %b2 = alloca i64, align 8
  store i64 %b, ptr %b2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %b2, align 8
  %1 = load i64, ptr %a1, align 8
  %2 = call i1 @julia_lt(i64 %0, i64 %1)
  ret i1 %2
}

define internal i1 @julia_or(i1 %a, i1 %b) {
top:
  %a1 = alloca i1, align 1
  store i1 %a, ptr %a1, align 1
  %b2 = alloca i1, align 1
  store i1 %b, ptr %b2, align 1
  br label %L1

L1:                                               ; preds = %top
  %0 = load i1, ptr %a1, align 1
  %1 = load i1, ptr %b2, align 1
  %2 = or i1 %0, %1
  ret i1 %2
}

define internal void @julia_BoundsError() {
top:
  br label %L1

L1:                                               ; preds = %top
  ret void
}

define internal void @julia_report_exception_name(ptr %ex) {
top:
  %ex1 = alloca ptr, align 8
  store ptr %ex, ptr %ex1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load ptr, ptr %ex1, align 8
  call void @gpu_report_exception_name(ptr %0)
  ret void
}

define internal void @julia_report_exception_frame(i32 %idx, ptr %func, ptr %file, i32 %line) {
top:
  %idx1 = alloca i32, align 4
  store i32 %idx, ptr %idx1, align 4
  %func2 = alloca ptr, align 8
  store ptr %func, ptr %func2, align 8
  %file3 = alloca ptr, align 8
  store ptr %file, ptr %file3, align 8
  %line4 = alloca i32, align 4
  store i32 %line, ptr %line4, align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = load i32, ptr %idx1, align 4
  %1 = load ptr, ptr %func2, align 8
  %2 = load ptr, ptr %file3, align 8
  %3 = load i32, ptr %line4, align 4
  call void @gpu_report_exception_frame(i32 %0, ptr %1, ptr %2, i32 %3)
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
  %t1 = alloca [1 x i64], align 8
  store [1 x i64] %t, ptr %t1, align 8
  %i2 = alloca i64, align 8
  store i64 %i, ptr %i2, align 8
  %tuple = alloca [1 x i64], align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load [1 x i64], ptr %t1, align 8
  %1 = load i64, ptr %i2, align 8
  store [1 x i64] %0, ptr %tuple, align 8
  %2 = sub i64 %1, 1
  %3 = getelementptr inbounds [1 x i64], ptr %tuple, i64 0, i64 %2
  %4 = load i64, ptr %3, align 8
  ret i64 %4
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
