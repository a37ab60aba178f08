; ModuleID = 'vadd'
source_filename = "vadd"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [13 x i8] c"InexactError\00", align 1
@.str.1 = private unnamed_addr constant [12 x i8] c"trunc_exact\00", align 1
@.str.2 = private unnamed_addr constant [21 x i8] c"prelude/promotion.jl\00", align 1
@.str.3 = private unnamed_addr constant [14 x i8] c"ArgumentError\00", align 1
@.str.4 = private unnamed_addr constant [15 x i8] c"steprange_last\00", align 1
@.str.5 = private unnamed_addr constant [18 x i8] c"prelude/ranges.jl\00", align 1
@.str.6 = private unnamed_addr constant [12 x i8] c"DivideError\00", align 1
@.str.7 = private unnamed_addr constant [4 x i8] c"rem\00", align 1
@.str.8 = private unnamed_addr constant [15 x i8] c"prelude/int.jl\00", align 1

define internal void @julia_vadd({ ptr, [1 x i64] } %a, { ptr, [1 x i64] } %b, { ptr, [1 x i64] } %c) {
top:
  %a1 = alloca { ptr, [1 x i64] }, align 8
  store { ptr, [1 x i64] } %a, ptr %a1, align 8
  %b2 = alloca { ptr, [1 x i64] }, align 8
  store { ptr, [1 x i64] } %b, ptr %b2, align 8
  %c3 = alloca { ptr, [1 x i64] }, align 8
  store { ptr, [1 x i64] } %c, ptr %c3, align 8
  %index = alloca i32, align 4
  %stride = alloca i32, align 4
  %"@_7" = alloca { i64, i64, i64 }, align 8
  %"@_8" = alloca i64, align 8
  %i = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = call { i32, i32, i32 } @julia_blockIdx()
  %1 = extractvalue { i32, i32, i32 } %0, 0
  %2 = call i32 @julia_Int32(i64 1)
  %3 = call i32 @julia_minus(i32 %1, i32 1)
  %4 = call { i32, i32, i32 } @julia_blockDim()
  %5 = extractvalue { i32, i32, i32 } %4, 0
  %6 = call i32 @julia_times(i32 %3, i32 %5)
  %7 = call { i32, i32, i32 } @julia_threadIdx()
  %8 = extractvalue { i32, i32, i32 } %7, 0
  %9 = call i32 @julia_plus(i32 %6, i32 %8)
  store i32 %9, ptr %index, align 4
  %10 = call { i32, i32, i32 } @julia_gridDim()
  %11 = extractvalue { i32, i32, i32 } %10, 0
  %12 = call { i32, i32, i32 } @julia_blockDim()
  %13 = extractvalue { i32, i32, i32 } %12, 0
  %14 = call i32 @julia_times(i32 %11, i32 %13)
  store i32 %14, ptr %stride, align 4
  %15 = load { ptr, [1 x i64] }, ptr %c3, align 8
  %16 = call i64 @julia_length({ ptr, [1 x i64] } %15)
  %17 = load i32, ptr %index, align 4
  %18 = load i32, ptr %stride, align 4
  %19 = call { i64, i64, i64 } @julia_colon(i32 %17, i32 %18, i64 %16)
  store { i64, i64, i64 } %19, ptr %"@_7", align 8
  %20 = load { i64, i64, i64 }, ptr %"@_7", align 8
  %21 = call i64 @julia_start({ i64, i64, i64 } %20)
  store i64 %21, ptr %"@_8", align 8
  br label %L23

L23:                                              ; preds = %L26, %L1
  %22 = load { i64, i64, i64 }, ptr %"@_7", align 8
  %23 = load i64, ptr %"@_8", align 8
  %24 = call i1 @julia_done({ i64, i64, i64 } %22, i64 %23)
  %25 = call i1 @julia_not(i1 %24)
  br i1 %25, label %L26, label %L36

L26:                                              ; preds = %L23
  %26 = load { i64, i64, i64 }, ptr %"@_7", align 8
  %27 = load i64, ptr %"@_8", align 8
  %28 = call [2 x i64] @julia_next({ i64, i64, i64 } %26, i64 %27)
  %29 = extractvalue [2 x i64] %28, 0
  %30 = extractvalue [2 x i64] %28, 1
  store i64 %29, ptr %i, align 8
  store i64 %30, ptr %"@_8", align 8
  %31 = load { ptr, [1 x i64] }, ptr %a1, align 8
  %32 = load i64, ptr %i, align 8
  %33 = call float @julia_getindex({ ptr, [1 x i64] } %31, i64 %32)
  %34 = load { ptr, [1 x i64] }, ptr %b2, align 8
  %35 = load i64, ptr %i, align 8
  %36 = call float @julia_getindex({ ptr, [1 x i64] } %34, i64 %35)
  %37 = call float @julia_plus_1(float %33, float %36)
  %38 = load { ptr, [1 x i64] }, ptr %c3, align 8
  %39 = load i64, ptr %i, align 8
  %40 = call { ptr, [1 x i64] } @julia_setindex_({ ptr, [1 x i64] } %38, float %37, i64 %39)
  br label %L23

L36:                                              ; preds = %L23
  ret void
}

; Function Attrs: alwaysinline
define internal { i32, i32, i32 } @julia_blockIdx() #0 {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %1 = call i32 @julia_Int32(i64 1)
  %2 = call i32 @julia_plus(i32 %0, i32 1)
  %3 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
  %4 = call i32 @julia_Int32(i64 1)
  %5 = call i32 @julia_plus(i32 %3, i32 1)
  %6 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.z()
  %7 = call i32 @julia_Int32(i64 1)
  %8 = call i32 @julia_plus(i32 %6, i32 1)
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
  %1 = call i32 @julia_convert(i64 %0)
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

define internal i32 @julia_times(i32 %a, i32 %b) {
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
  %2 = call i32 @julia_plus(i32 %0, i32 1)
  %3 = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %4 = call i32 @julia_Int32(i64 1)
  %5 = call i32 @julia_plus(i32 %3, i32 1)
  %6 = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %7 = call i32 @julia_Int32(i64 1)
  %8 = call i32 @julia_plus(i32 %6, i32 1)
  %9 = call { i32, i32, i32 } @julia_Dim3(i32 %2, i32 %5, i32 %8)
  ret { i32, i32, i32 } %9
}

define internal i32 @julia_plus(i32 %a, i32 %b) {
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

; Function Attrs: alwaysinline
define internal { i32, i32, i32 } @julia_gridDim() #0 {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %1 = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.y()
  %2 = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.z()
  %3 = call { i32, i32, i32 } @julia_Dim3(i32 %0, i32 %1, i32 %2)
  ret { i32, i32, i32 } %3
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

define internal { i64, i64, i64 } @julia_colon(i32 %a, i32 %s, i64 %b) {
top:
  %a1 = alloca i32, align 4
  store i32 %a, ptr %a1, align 4
  %s2 = alloca i32, align 4
  store i32 %s, ptr %s2, align 4
  %b3 = alloca i64, align 8
  store i64 %b, ptr %b3, align 8
  %x = alloca i64, align 8
  %y = alloca i64, align 8
  %z = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i32, ptr %a1, align 4
  %1 = load i32, ptr %s2, align 4
  %2 = load i64, ptr %b3, align 8
  %3 = call [3 x i64] @julia_promote(i32 %0, i32 %1, i64 %2)
  %4 = extractvalue [3 x i64] %3, 0
  store i64 %4, ptr %x, align 8
  %5 = extractvalue [3 x i64] %3, 1
  store i64 %5, ptr %y, align 8
  %6 = extractvalue [3 x i64] %3, 2
  store i64 %6, ptr %z, align 8
  %7 = load i64, ptr %x, align 8
  %8 = load i64, ptr %y, align 8
  %9 = load i64, ptr %z, align 8
  %10 = call { i64, i64, i64 } @julia_colon_1(i64 %7, i64 %8, i64 %9)
  ret { i64, i64, i64 } %10
}

define internal i64 @julia_start({ i64, i64, i64 } %r) {
top:
  %r1 = alloca { i64, i64, i64 }, align 8
  store { i64, i64, i64 } %r, ptr %r1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load { i64, i64, i64 }, ptr %r1, align 8
  %1 = extractvalue { i64, i64, i64 } %0, 0
  %2 = load { i64, i64, i64 }, ptr %r1, align 8
  %3 = extractvalue { i64, i64, i64 } %2, 1
  %4 = call i64 @julia_zero(i64 %3)
  %5 = call i64 @julia_plus_2(i64 %1, i64 0)
  ret i64 %5
}

define internal i1 @julia_done({ i64, i64, i64 } %r, i64 %i) {
top:
  %r1 = alloca { i64, i64, i64 }, align 8
  store { i64, i64, i64 } %r, ptr %r1, align 8
  %i2 = alloca i64, align 8
  store i64 %i, ptr %i2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load { i64, i64, i64 }, ptr %r1, align 8
  %1 = call i1 @julia_isempty({ i64, i64, i64 } %0)
  %2 = load { i64, i64, i64 }, ptr %r1, align 8
  %3 = extractvalue { i64, i64, i64 } %2, 1
  %4 = call i64 @julia_zero_1()
  %5 = call i1 @julia_gt(i64 %3, i64 0)
  %6 = load { i64, i64, i64 }, ptr %r1, align 8
  %7 = extractvalue { i64, i64, i64 } %6, 2
  %8 = load i64, ptr %i2, align 8
  %9 = call i1 @julia_gt(i64 %8, i64 %7)
  %10 = call i1 @julia_and(i1 %5, i1 %9)
  %11 = call i1 @julia_or(i1 %1, i1 %10)
  %12 = load { i64, i64, i64 }, ptr %r1, align 8
  %13 = extractvalue { i64, i64, i64 } %12, 1
  %14 = call i64 @julia_zero_1()
  %15 = call i1 @julia_lt(i64 %13, i64 0)
  %16 = load { i64, i64, i64 }, ptr %r1, align 8
  %17 = extractvalue { i64, i64, i64 } %16, 2
  %18 = load i64, ptr %i2, align 8
  %19 = call i1 @julia_lt(i64 %18, i64 %17)
  %20 = call i1 @julia_and(i1 %15, i1 %19)
  %21 = call i1 @julia_or(i1 %11, i1 %20)
  ret i1 %21
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

define internal [2 x i64] @julia_next({ i64, i64, i64 } %r, i64 %i) {
top:
  %r1 = alloca { i64, i64, i64 }, align 8
  store { i64, i64, i64 } %r, ptr %r1, align 8
  %i2 = alloca i64, align 8
  store i64 %i, ptr %i2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %i2, align 8
  %1 = call i64 @julia_convert_1(i64 %0)
  %2 = load { i64, i64, i64 }, ptr %r1, align 8
  %3 = extractvalue { i64, i64, i64 } %2, 1
  %4 = load i64, ptr %i2, align 8
  %5 = call i64 @julia_plus_2(i64 %4, i64 %3)
  %6 = insertvalue [2 x i64] undef, i64 %1, 0
  %7 = insertvalue [2 x i64] %6, i64 %5, 1
  ret [2 x i64] %7
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
  %1 = call i64 @julia_convert_1(i64 %0)
  store i64 %1, ptr %k, align 8
  br label %L6

L6:                                               ; preds = %L1
  %2 = load { ptr, [1 x i64] }, ptr %a1, align 8
  %3 = extractvalue { ptr, [1 x i64] } %2, 0
  %4 = load i64, ptr %k, align 8
  %5 = call float @julia_unsafe_load(ptr %3, i64 %4)
  ret float %5
}

define internal float @julia_plus_1(float %a, float %b) {
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
  %1 = call i64 @julia_convert_1(i64 %0)
  store i64 %1, ptr %k, align 8
  br label %L6

L6:                                               ; preds = %L1
  %2 = load { ptr, [1 x i64] }, ptr %a1, align 8
  %3 = extractvalue { ptr, [1 x i64] } %2, 0
  %4 = load float, ptr %v2, align 4
  %5 = call float @julia_convert_2(float %4)
  %6 = load i64, ptr %k, align 8
  %7 = call ptr @julia_unsafe_store_(ptr %3, float %5, i64 %6)
  %8 = load { ptr, [1 x i64] }, ptr %a1, align 8
  ret { ptr, [1 x i64] } %8
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

define internal i32 @julia_convert(i64 %x) {
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

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.nctaid.x() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.nctaid.y() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.nctaid.z() #1

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

define internal [3 x i64] @julia_promote(i32 %a, i32 %b, i64 %c) {
top:
  %a1 = alloca i32, align 4
  store i32 %a, ptr %a1, align 4
  %b2 = alloca i32, align 4
  store i32 %b, ptr %b2, align 4
  %c3 = alloca i64, align 8
  store i64 %c, ptr %c3, align 8
  br label %L1

L1:                                               ; preds = %top
  call void @julia_promote_type()
  %0 = load i32, ptr %a1, align 4
  %1 = call i64 @julia_convert_3(i32 %0)
  call void @julia_promote_type()
  %2 = load i32, ptr %b2, align 4
  %3 = call i64 @julia_convert_3(i32 %2)
  call void @julia_promote_type()
  %4 = load i64, ptr %c3, align 8
  %5 = call i64 @julia_convert_1(i64 %4)
  %6 = insertvalue [3 x i64] undef, i64 %1, 0
  %7 = insertvalue [3 x i64] %6, i64 %3, 1
  %8 = insertvalue [3 x i64] %7, i64 %5, 2
  ret [3 x i64] %8
}

define internal { i64, i64, i64 } @julia_colon_1(i64 %a, i64 %s, i64 %b) {
top:
  %a1 = alloca i64, align 8
  store i64 %a, ptr %a1, align 8
  %s2 = alloca i64, align 8
  store i64 %s, ptr %s2, align 8
  %b3 = alloca i64, align 8
  store i64 %b, ptr %b3, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %a1, align 8
  %1 = load i64, ptr %s2, align 8
  %2 = load i64, ptr %b3, align 8
  %3 = call i64 @julia_steprange_last(i64 %0, i64 %1, i64 %2)
  %4 = load i64, ptr %a1, align 8
  %5 = load i64, ptr %s2, align 8
  %6 = call { i64, i64, i64 } @julia_StepRange(i64 %4, i64 %5, i64 %3)
  ret { i64, i64, i64 } %6
}

define internal i64 @julia_zero(i64 %x) {
top:
  %x1 = alloca i64, align 8
  store i64 %x, ptr %x1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_zero_1()
  ret i64 0
}

define internal i64 @julia_plus_2(i64 %a, i64 %b) {
top:
  %a1 = alloca i64, align 8
  store i64 %a, ptr %a1, align 8
  %b2 = alloca i64, align 8
  store i64 %b, ptr %b2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %a1, align 8
  %1 = load i64, ptr %b2, align 8
  %2 = add i64 %0, %1
  ret i64 %2
}

define internal i1 @julia_isempty({ i64, i64, i64 } %r) {
top:
  %r1 = alloca { i64, i64, i64 }, align 8
  store { i64, i64, i64 } %r, ptr %r1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load { i64, i64, i64 }, ptr %r1, align 8
  %1 = extractvalue { i64, i64, i64 } %0, 0
  %2 = load { i64, i64, i64 }, ptr %r1, align 8
  %3 = extractvalue { i64, i64, i64 } %2, 2
  %4 = call i1 @julia_ne(i64 %1, i64 %3)
  %5 = load { i64, i64, i64 }, ptr %r1, align 8
  %6 = extractvalue { i64, i64, i64 } %5, 1
  %7 = call i64 @julia_zero_1()
  %8 = call i1 @julia_gt(i64 %6, i64 0)
  %9 = load { i64, i64, i64 }, ptr %r1, align 8
  %10 = extractvalue { i64, i64, i64 } %9, 2
  %11 = load { i64, i64, i64 }, ptr %r1, align 8
  %12 = extractvalue { i64, i64, i64 } %11, 0
  %13 = call i1 @julia_gt(i64 %10, i64 %12)
  %14 = call i1 @julia_ne_1(i1 %8, i1 %13)
  %15 = call i1 @julia_and(i1 %4, i1 %14)
  ret i1 %15
}

define internal i64 @julia_zero_1() {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_convert_1(i64 0)
  ret i64 0
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

define internal i1 @julia_and(i1 %a, i1 %b) {
top:
  %a1 = alloca i1, align 1
  store i1 %a, ptr %a1, align 1
  %b2 = alloca i1, align 1
  store i1 %b, ptr %b2, align 1
  br label %L1

L1:                                               ; preds = %top
  %0 = load i1, ptr %a1, align 1
  %1 = load i1, ptr %b2, align 1
  %2 = and i1 %0, %1
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

define internal i64 @julia_convert_1(i64 %x) {
top:
  %x1 = alloca i64, align 8
  store i64 %x, ptr %x1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %x1, align 8
  ret i64 %0
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
  %1 = call i64 @julia_convert_1(i64 %0)
  %2 = load ptr, ptr %p1, align 8
  %3 = sub i64 %1, 1
  %4 = getelementptr inbounds float, ptr %2, i64 %3
  %5 = load float, ptr %4, align 1
  ret float %5
}

define internal float @julia_convert_2(float %x) {
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
  %1 = call float @julia_convert_2(float %0)
  %2 = load i64, ptr %i3, align 8
  %3 = call i64 @julia_convert_1(i64 %2)
  %4 = load ptr, ptr %p1, align 8
  %5 = load ptr, ptr %p1, align 8
  %6 = sub i64 %3, 1
  %7 = getelementptr inbounds float, ptr %5, i64 %6
  store float %1, ptr %7, align 1
  ret ptr %4
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
  %3 = call i64 @julia_convert_3(i32 %2)
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

define internal void @julia_promote_type() {
top:
  br label %L1

L1:                                               ; preds = %top
  call void @julia_promote_type_1()
  call void @julia_promote_type_2()
  ret void
}

define internal i64 @julia_convert_3(i32 %x) {
top:
  %x1 = alloca i32, align 4
  store i32 %x, ptr %x1, align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = load i32, ptr %x1, align 4
  %1 = sext i32 %0 to i64
  ret i64 %1
}

define internal i64 @julia_steprange_last(i64 %a, i64 %s, i64 %b) {
top:
  %a1 = alloca i64, align 8
  store i64 %a, ptr %a1, align 8
  %s2 = alloca i64, align 8
  store i64 %s, ptr %s2, align 8
  %b3 = alloca i64, align 8
  store i64 %b, ptr %b3, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_zero_1()
  %1 = load i64, ptr %s2, align 8
  %2 = call i1 @julia_eq(i64 %1, i64 0)
  br i1 %2, label %L4, label %L9

L4:                                               ; preds = %L1
  call void @julia_ArgumentError()
  call void @julia_report_exception_name(ptr @.str.3)
  call void @julia_report_exception_frame(i32 1, ptr @.str.4, ptr @.str.5, i32 41)
  call void @julia_signal_exception()
  unreachable

L9:                                               ; preds = %L1
  %3 = load i64, ptr %b3, align 8
  %4 = load i64, ptr %a1, align 8
  %5 = call i1 @julia_eq(i64 %3, i64 %4)
  br i1 %5, label %L11, label %L12

L11:                                              ; preds = %L9
  %6 = load i64, ptr %b3, align 8
  ret i64 %6

L12:                                              ; preds = %L9
  %7 = call i64 @julia_zero_1()
  %8 = load i64, ptr %s2, align 8
  %9 = call i1 @julia_gt(i64 %8, i64 0)
  %10 = load i64, ptr %b3, align 8
  %11 = load i64, ptr %a1, align 8
  %12 = call i1 @julia_gt(i64 %10, i64 %11)
  %13 = call i1 @julia_ne_1(i1 %9, i1 %12)
  br i1 %13, label %L17, label %L19

L17:                                              ; preds = %L12
  %14 = load i64, ptr %a1, align 8
  %15 = load i64, ptr %s2, align 8
  %16 = call i64 @julia_minus_1(i64 %14, i64 %15)
  ret i64 %16

L19:                                              ; preds = %L12
  %17 = load i64, ptr %b3, align 8
  %18 = load i64, ptr %a1, align 8
  %19 = call i64 @julia_minus_1(i64 %17, i64 %18)
  %20 = load i64, ptr %s2, align 8
  %21 = call i64 @julia_rem(i64 %19, i64 %20)
  %22 = load i64, ptr %b3, align 8
  %23 = call i64 @julia_minus_1(i64 %22, i64 %21)
  ret i64 %23
}

define internal { i64, i64, i64 } @julia_StepRange(i64 %start, i64 %step, i64 %stop) {
top:
  %start1 = alloca i64, align 8
  store i64 %start, ptr %start1, align 8
  %step2 = alloca i64, align 8
  store i64 %step, ptr %step2, align 8
  %stop3 = alloca i64, align 8
  store i64 %stop, ptr %stop3, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %start1, align 8
  %1 = load i64, ptr %step2, align 8
  %2 = load i64, ptr %stop3, align 8
  %3 = insertvalue { i64, i64, i64 } undef, i64 %0, 0
  %4 = insertvalue { i64, i64, i64 } %3, i64 %1, 1
  %5 = insertvalue { i64, i64, i64 } %4, i64 %2, 2
  ret { i64, i64, i64 } %5
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

define internal i1 @julia_ne_1(i1 %a, i1 %b) {
top:
  %a1 = alloca i1, align 1
  store i1 %a, ptr %a1, align 1
  %b2 = alloca i1, align 1
  store i1 %b, ptr %b2, align 1
  br label %L1

L1:                                               ; preds = %top
  %0 = load i1, ptr %a1, align 1
  %1 = load i1, ptr %b2, align 1
  %2 = call i1 @julia_eq_1(i1 %0, i1 %1)
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

define internal void @julia_promote_type_1() {
top:
  br label %L1

L1:                                               ; preds = %top
  ret void
}

define internal void @julia_promote_type_2() {
top:
  br label %L1

L1:                                               ; preds = %top
  call void @julia_promote_rule()
  call void @julia_promote_rule_1()
  call void @julia_promote_result()
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

define internal void @julia_ArgumentError() {
top:
  br label %L1

L1:                                               ; preds = %top
  ret void
}

define internal i64 @julia_minus_1(i64 %a, i64 %b) {
top:
  %a1 = alloca i64, align 8
  store i64 %a, ptr %a1, align 8
  %b2 = alloca i64, align 8
  store i64 %b, ptr %b2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %a1, align 8
  %1 = load i64, ptr %b2, align 8
  %2 = sub i64 %0, %1
  ret i64 %2
}

define internal i64 @julia_rem(i64 %a, i64 %b) {
top:
  %a1 = alloca i64, align 8
  store i64 %a, ptr %a1, align 8
  %b2 = alloca i64, align 8
  store i64 %b, ptr %b2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_zero_1()
  %1 = load i64, ptr %b2, align 8
  %2 = call i1 @julia_eq(i64 %1, i64 0)
  br i1 %2, label %L4, label %L9

L4:                                               ; preds = %L1
  call void @julia_DivideError()
  call void @julia_report_exception_name(ptr @.str.6)
  call void @julia_report_exception_frame(i32 1, ptr @.str.7, ptr @.str.8, i32 78)
  call void @julia_signal_exception()
  unreachable

L9:                                               ; preds = %L1
  %3 = call i64 @julia_one()
  %4 = call i64 @julia_minus_2(i64 1)
  %5 = load i64, ptr %b2, align 8
  %6 = call i1 @julia_eq(i64 %5, i64 -1)
  br i1 %6, label %L13, label %L15

L13:                                              ; preds = %L9
  %7 = call i64 @julia_zero_1()
  ret i64 0

L15:                                              ; preds = %L9
  %8 = load i64, ptr %a1, align 8
  %9 = load i64, ptr %b2, align 8
  %10 = srem i64 %8, %9
  ret i64 %10
}

define internal i1 @julia_eq_1(i1 %a, i1 %b) {
top:
  %a1 = alloca i1, align 1
  store i1 %a, ptr %a1, align 1
  %b2 = alloca i1, align 1
  store i1 %b, ptr %b2, align 1
  br label %L1

L1:                                               ; preds = %top
  %0 = load i1, ptr %a1, align 1
  %1 = load i1, ptr %b2, align 1
  %2 = icmp eq i1 %0, %1
  ret i1 %2
}

declare void @gpu_report_exception_name(ptr)

declare void @gpu_report_exception_frame(i32, ptr, ptr, i32)

declare void @gpu_signal_exception()

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

define internal void @julia_DivideError() {
top:
  br label %L1

L1:                                               ; preds = %top
  ret void
}

define internal i64 @julia_one() {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_convert_1(i64 1)
  ret i64 1
}

define internal i64 @julia_minus_2(i64 %x) {
top:
  %x1 = alloca i64, align 8
  store i64 %x, ptr %x1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %x1, align 8
  %1 = sub i64 0, %0
  ret i64 %1
}

define ptx_kernel void @vadd(ptr addrspace(1) %a, i64 %a.dim1, ptr addrspace(1) %b, i64 %b.dim1, ptr addrspace(1) %c, i64 %c.dim1) {
entry:
  %0 = addrspacecast ptr addrspace(1) %a to ptr
  %1 = insertvalue { ptr, [1 x i64] } undef, ptr %0, 0
  %2 = insertvalue [1 x i64] undef, i64 %a.dim1, 0
  %3 = insertvalue { ptr, [1 x i64] } %1, [1 x i64] %2, 1
  %4 = addrspacecast ptr addrspace(1) %b to ptr
  %5 = insertvalue { ptr, [1 x i64] } undef, ptr %4, 0
  %6 = insertvalue [1 x i64] undef, i64 %b.dim1, 0
  %7 = insertvalue { ptr, [1 x i64] } %5, [1 x i64] %6, 1
  %8 = addrspacecast ptr addrspace(1) %c to ptr
  %9 = insertvalue { ptr, [1 x i64] } undef, ptr %8, 0
  %10 = insertvalue [1 x i64] undef, i64 %c.dim1, 0
  %11 = insertvalue { ptr, [1 x i64] } %9, [1 x i64] %10, 1
  call void @julia_vadd({ ptr, [1 x i64] } %3, { ptr, [1 x i64] } %7, { ptr, [1 x i64] } %11)
  ret void
}

attributes #0 = { alwaysinline }
attributes #1 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }

!nvvm.annotations = !{!0}

!0 = !{ptr @vadd, !"kernel", i32 1}
