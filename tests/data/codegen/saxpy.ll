; ModuleID = 'saxpy'
source_filename = "saxpy"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [13 x i8] c"InexactError\00", align 1
@.str.1 = private unnamed_addr constant [12 x i8] c"trunc_exact\00", align 1
@.str.2 = private unnamed_addr constant [21 x i8] c"prelude/promotion.jl\00", align 1

define internal void @julia_saxpy(float %a, { ptr, [1 x i64] } %x, { ptr, [1 x i64] } %y) {
top:
  %a1 = alloca float, align 4
  store float %a, ptr %a1, align 4
  %x2 = alloca { ptr, [1 x i64] }, align 8
  store { ptr, [1 x i64] } %x, ptr %x2, align 8
  %y3 = alloca { ptr, [1 x i64] }, align 8
  store { ptr, [1 x i64] } %y, ptr %y3, align 8
  %i = alloca i32, align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = call i32 @julia_global_index()
  store i32 %0, ptr %i, align 4
  %1 = load { ptr, [1 x i64] }, ptr %y3, align 8
  %2 = call i64 @julia_length({ ptr, [1 x i64] } %1)
  %3 = load i32, ptr %i, align 4
  %4 = call i1 @julia_le(i32 %3, i64 %2)
  br i1 %4, label %L6, label %L12

L6:                                               ; preds = %L1
  %5 = load { ptr, [1 x i64] }, ptr %x2, align 8
  %6 = load i32, ptr %i, align 4
  %7 = call float @julia_getindex({ ptr, [1 x i64] } %5, i32 %6)
  %8 = load float, ptr %a1, align 4
  %9 = call float @julia_times(float %8, float %7)
  %10 = load { ptr, [1 x i64] }, ptr %y3, align 8
  %11 = load i32, ptr %i, align 4
  %12 = call float @julia_getindex({ ptr, [1 x i64] } %10, i32 %11)
  %13 = call float @julia_plus(float %9, float %12)
  %14 = load { ptr, [1 x i64] }, ptr %y3, align 8
  %15 = load i32, ptr %i, align 4
  %16 = call { ptr, [1 x i64] } @julia_setindex_({ ptr, [1 x i64] } %14, float %13, i32 %15)
  br label %L12

L12:                                              ; preds = %L6, %L1
  ret void
}

; Function Attrs: alwaysinline
define internal i32 @julia_global_index() #0 {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call { i32, i32, i32 } @julia_blockIdx()
  %1 = extractvalue { i32, i32, i32 } %0, 0
  %2 = call i32 @julia_Int32(i64 1)
  %3 = call i32 @julia_minus(i32 %1, i32 1)
  %4 = call { i32, i32, i32 } @julia_blockDim()
  %5 = extractvalue { i32, i32, i32 } %4, 0
  %6 = call i32 @julia_times_1(i32 %3, i32 %5)
  %7 = call { i32, i32, i32 } @julia_threadIdx()
  %8 = extractvalue { i32, i32, i32 } %7, 0
  %9 = call i32 @julia_plus_1(i32 %6, i32 %8)
  ret i32 %9
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

define internal i1 @julia_le(i32 %a, i64 %b) {
top:
  %a1 = alloca i32, align 4
  store i32 %a, ptr %a1, align 4
  %b2 = alloca i64, align 8
  store i64 %b, ptr %b2, align 8
  %x = alloca i64, align 8
  %y = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i32, ptr %a1, align 4
  %1 = load i64, ptr %b2, align 8
  %2 = call [2 x i64] @julia_promote(i32 %0, i64 %1)
  %3 = extractvalue [2 x i64] %2, 0
  store i64 %3, ptr %x, align 8
  %4 = extractvalue [2 x i64] %2, 1
  store i64 %4, ptr %y, align 8
  %5 = load i64, ptr %x, align 8
  %6 = load i64, ptr %y, align 8
  %7 = call i1 @julia_le_1(i64 %5, i64 %6)
  ret i1 %7
}

; Function Attrs: alwaysinline
define internal float @julia_getindex({ ptr, [1 x i64] } %a, i32 %i) #0 {
top:
  %a1 = alloca { ptr, [1 x i64] }, align 8
  store { ptr, [1 x i64] } %a, ptr %a1, align 8
  %i2 = alloca i32, align 4
  store i32 %i, ptr %i2, align 4
  %k = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i32, ptr %i2, align 4
  %1 = call i64 @julia_convert(i32 %0)
  store i64 %1, ptr %k, align 8
  br label %L6

L6:                                               ; preds = %L1
  %2 = load { ptr, [1 x i64] }, ptr %a1, align 8
  %3 = extractvalue { ptr, [1 x i64] } %2, 0
  %4 = load i64, ptr %k, align 8
  %5 = call float @julia_unsafe_load(ptr %3, i64 %4)
  ret float %5
}

define internal float @julia_times(float %a, float %b) {
top:
  %a1 = alloca float, align 4
  store float %a, ptr %a1, align 4
  %b2 = alloca float, align 4
  store float %b, ptr %b2, align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = load float, ptr %a1, align 4
  %1 = load float, ptr %b2, align 4
  %2 = fmul float %0, %1
  ret float %2
}

define internal float @julia_plus(float %a, float %b) {
top:
  %a1 = alloca float, align 4
  store float %a, ptr %a1, align 4
  %b2 = alloca float, align 4
  store float %b, ptr %b2, align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = load float, ptr %a1, align 4
  %1 = load float, ptr %b2, align 4
  %2 = fadd float %0, %1
  ret float %2
}

; Function Attrs: alwaysinline
define internal { ptr, [1 x i64] } @julia_setindex_({ ptr, [1 x i64] } %a, float %v, i32 %i) #0 {
top:
  %a1 = alloca { ptr, [1 x i64] }, align 8
  store { ptr, [1 x i64] } %a, ptr %a1, align 8
  %v2 = alloca float, align 4
  store float %v, ptr %v2, align 4
  %i3 = alloca i32, align 4
  store i32 %i, ptr %i3, align 4
  %k = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i32, ptr %i3, align 4
  %1 = call i64 @julia_convert(i32 %0)
  store i64 %1, ptr %k, align 8
  br label %L6

L6:                                               ; preds = %L1
  %2 = load { ptr, [1 x i64] }, ptr %a1, align 8
  %3 = extractvalue { ptr, [1 x i64] } %2, 0
  %4 = load float, ptr %v2, align 4
  %5 = call float @julia_convert_1(float %4)
  %6 = load i64, ptr %k, align 8
  %7 = call ptr @julia_unsafe_store_(ptr %3, float %5, i64 %6)
  %8 = load { ptr, [1 x i64] }, ptr %a1, align 8
  ret { ptr, [1 x i64] } %8
}

; Function Attrs: alwaysinline
define internal { i32, i32, i32 } @julia_blockIdx() #0 {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %1 = call i32 @julia_Int32(i64 1)
  %2 = call i32 @julia_plus_1(i32 %0, i32 1)
  %3 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
  %4 = call i32 @julia_Int32(i64 1)
  %5 = call i32 @julia_plus_1(i32 %3, i32 1)
  %6 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.z()
  %7 = call i32 @julia_Int32(i64 1)
  %8 = call i32 @julia_plus_1(i32 %6, i32 1)
  %9 = call { i32, i32, i32 } @julia_Dim3(i32 %2, i32 %5, i32 %8)
  ret { i32, i32, i32 } %9
}

define internal i32 @julia_Int32(i64 %x) {
top:
  %x1 = alloca i64, align 8
  store i64 %x, ptr %x1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %x1, align 8
  %1 = call i32 @julia_convert_2(i64 %0)
  ret i32 %1
}

define internal i32 @julia_minus(i32 %a, i32 %b) {
top:
  %a1 = alloca i32, align 4
  store i32 %a, ptr %a1, align 4
  %b2 = alloca i32, align 4
  store i32 %b, ptr %b2, align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = load i32, ptr %a1, align 4
  %1 = load i32, ptr %b2, align 4
  %2 = sub i32 %0, %1
  ret i32 %2
}

; Function Attrs: alwaysinline
define internal { i32, i32, i32 } @julia_blockDim() #0 {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %1 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %2 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.z()
  %3 = call { i32, i32, i32 } @julia_Dim3(i32 %0, i32 %1, i32 %2)
  ret { i32, i32, i32 } %3
}

define internal i32 @julia_times_1(i32 %a, i32 %b) {
top:
  %a1 = alloca i32, align 4
  store i32 %a, ptr %a1, align 4
  %b2 = alloca i32, align 4
  store i32 %b, ptr %b2, align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = load i32, ptr %a1, align 4
  %1 = load i32, ptr %b2, align 4
  %2 = mul i32 %0, %1
  ret i32 %2
}

; Function Attrs: alwaysinline
define internal { i32, i32, i32 } @julia_threadIdx() #0 {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %1 = call i32 @julia_Int32(i64 1)
  %2 = call i32 @julia_plus_1(i32 %0, i32 1)
  %3 = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %4 = call i32 @julia_Int32(i64 1)
  %5 = call i32 @julia_plus_1(i32 %3, i32 1)
  %6 = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %7 = call i32 @julia_Int32(i64 1)
  %8 = call i32 @julia_plus_1(i32 %6, i32 1)
  %9 = call { i32, i32, i32 } @julia_Dim3(i32 %2, i32 %5, i32 %8)
  ret { i32, i32, i32 } %9
}

define internal i32 @julia_plus_1(i32 %a, i32 %b) {
top:
  %a1 = alloca i32, align 4
  store i32 %a, ptr %a1, align 4
  %b2 = alloca i32, align 4
  store i32 %b, ptr %b2, align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = load i32, ptr %a1, align 4
  %1 = load i32, ptr %b2, align 4
  %2 = add i32 %0, %1
  ret i32 %2
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

define internal [2 x i64] @julia_promote(i32 %a, i64 %b) {
top:
  %a1 = alloca i32, align 4
  store i32 %a, ptr %a1, align 4
  %b2 = alloca i64, align 8
  store i64 %b, ptr %b2, align 8
  br label %L1

L1:                                               ; preds = %top
  call void @julia_promote_type()
  %0 = load i32, ptr %a1, align 4
  %1 = call i64 @julia_convert(i32 %0)
  call void @julia_promote_type()
  %2 = load i64, ptr %b2, align 8
  %3 = call i64 @julia_convert_3(i64 %2)
  %4 = insertvalue [2 x i64] undef, i64 %1, 0
  %5 = insertvalue [2 x i64] %4, i64 %3, 1
  ret [2 x i64] %5
}

define internal i1 @julia_le_1(i64 %a, i64 %b) {
top:
  %a1 = alloca i64, align 8
  store i64 %a, ptr %a1, align 8
  %b2 = alloca i64, align 8
  store i64 %b, ptr %b2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %a1, align 8
  %1 = load i64, ptr %b2, align 8
  %2 = icmp sle i64 %0, %1
  ret i1 %2
}

define internal i64 @julia_convert(i32 %x) {
top:
  %x1 = alloca i32, align 4
  store i32 %x, ptr %x1, align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = load i32, ptr %x1, align 4
  %1 = sext i32 %0 to i64
  ret i64 %1
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
  %1 = call i64 @julia_convert_3(i64 %0)
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
  %3 = call i64 @julia_convert_3(i64 %2)
  %4 = load ptr, ptr %p1, align 8
  %5 = load ptr, ptr %p1, align 8
  %6 = sub i64 %3, 1
  %7 = getelementptr inbounds float, ptr %5, i64 %6
  store float %1, ptr %7, align 1
  ret ptr %4
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.x() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.y() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.z() #1

define internal { i32, i32, i32 } @julia_Dim3(i32 %x, i32 %y, i32 %z) {
top:
  %x1 = alloca i32, align 4
  store i32 %x, ptr %x1, align 4
  %y2 = alloca i32, align 4
  store i32 %y, ptr %y2, align 4
  %z3 = alloca i32, align 4
  store i32 %z, ptr %z3, align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = load i32, ptr %x1, align 4
  %1 = load i32, ptr %y2, align 4
  %2 = load i32, ptr %z3, align 4
  %3 = insertvalue { i32, i32, i32 } undef, i32 %0, 0
  %4 = insertvalue { i32, i32, i32 } %3, i32 %1, 1
  %5 = insertvalue { i32, i32, i32 } %4, i32 %2, 2
  ret { i32, i32, i32 } %5
}

define internal i32 @julia_convert_2(i64 %x) {
top:
  %x1 = alloca i64, align 8
  store i64 %x, ptr %x1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %x1, align 8
  %1 = call i32 @julia_trunc_exact(i64 %0)
  ret i32 %1
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ntid.x() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ntid.y() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ntid.z() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.x() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.y() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.z() #1

define internal void @julia_promote_type() {
top:
  br label %L1

L1:                                               ; preds = %top
  call void @julia_promote_rule()
  call void @julia_promote_rule_1()
  call void @julia_promote_result()
  ret void
}

define internal i64 @julia_convert_3(i64 %x) {
top:
  %x1 = alloca i64, align 8
  store i64 %x, ptr %x1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %x1, align 8
  ret i64 %0
}

define internal i32 @julia_trunc_exact(i64 %x) {
top:
  %x1 = alloca i64, align 8
  store i64 %x, ptr %x1, align 8
  %y = alloca i32, align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %x1, align 8
  %1 = trunc i64 %0 to i32
  store i32 %1, ptr %y, align 4
  %2 = load i32, ptr %y, align 4
  %3 = call i64 @julia_convert(i32 %2)
  %4 = load i64, ptr %x1, align 8
  %5 = call i1 @julia_ne(i64 %3, i64 %4)
  br i1 %5, label %L6, label %L11

L6:                                               ; preds = %L1
  call void @julia_InexactError()
  call void @julia_report_exception_name(ptr @.str)
  call void @julia_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 109)
  call void @julia_signal_exception()
  unreachable

L11:                                              ; preds = %L1
  %6 = load i32, ptr %y, align 4
  ret i32 %6
}

define internal void @julia_promote_rule() {
top:
  br label %L1

L1:                                               ; preds = %top
  ret void
}

define internal void @julia_promote_rule_1() {
top:
  br label %L1

L1:                                               ; preds = %top
  ret void
}

define internal void @julia_promote_result() {
top:
  br label %L1

L1:                                               ; preds = %top
  ret void
}

define internal i1 @julia_ne(i64 %a, i64 %b) {
top:
  %a1 = alloca i64, align 8
  store i64 %a, ptr %a1, align 8
  %b2 = alloca i64, align 8
  store i64 %b, ptr %b2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %a1, align 8
  %1 = load i64, ptr %b2, align 8
  %2 = call i1 @julia_eq(i64 %0, i64 %1)
  %3 = call i1 @julia_not(i1 %2)
  ret i1 %3
}

define internal void @julia_InexactError() {
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

define internal i1 @julia_eq(i64 %a, i64 %b) {
top:
  %a1 = alloca i64, align 8
  store i64 %a, ptr %a1, align 8
  %b2 = alloca i64, align 8
  store i64 %b, ptr %b2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %a1, align 8
  %1 = load i64, ptr %b2, align 8
  %2 = icmp eq i64 %0, %1
  ret i1 %2
}

define internal i1 @julia_not(i1 %x) {
top:
  %x1 = alloca i1, align 1
  store i1 %x, ptr %x1, align 1
  br label %L1

L1:                                               ; preds = %top
  %0 = load i1, ptr %x1, align 1
  %1 = xor i1 %0, true
  ret i1 %1
}

declare void @gpu_report_exception_name(ptr)

declare void @gpu_report_exception_frame(i32, ptr, ptr, i32)

declare void @gpu_signal_exception()

define ptx_kernel void @saxpy(float %a, ptr addrspace(1) %x, i64 %x.dim1, ptr addrspace(1) %y, i64 %y.dim1) {
entry:
  %0 = addrspacecast ptr addrspace(1) %x to ptr
  %1 = insertvalue { ptr, [1 x i64] } undef, ptr %0, 0
  %2 = insertvalue [1 x i64] undef, i64 %x.dim1, 0
  %3 = insertvalue { ptr, [1 x i64] } %1, [1 x i64] %2, 1
  %4 = addrspacecast ptr addrspace(1) %y to ptr
  %5 = insertvalue { ptr, [1 x i64] } undef, ptr %4, 0
  %6 = insertvalue [1 x i64] undef, i64 %y.dim1, 0
  %7 = insertvalue { ptr, [1 x i64] } %5, [1 x i64] %6, 1
  call void @julia_saxpy(float %a, { ptr, [1 x i64] } %3, { ptr, [1 x i64] } %7)
  ret void
}

attributes #0 = { alwaysinline }
attributes #1 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }

!nvvm.annotations = !{!0}

!0 = !{ptr @saxpy, !"kernel", i32 1}
