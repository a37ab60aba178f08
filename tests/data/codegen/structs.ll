; ModuleID = 'energies'
source_filename = "energies"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [13 x i8] c"InexactError\00", align 1
@.str.1 = private unnamed_addr constant [12 x i8] c"trunc_exact\00", align 1
@.str.2 = private unnamed_addr constant [21 x i8] c"prelude/promotion.jl\00", align 1

define internal void @julia_energies({ ptr, [1 x i64] } %out, float %vx, float %vy, float %vz, float %m) {
top:
  %out1 = alloca { ptr, [1 x i64] }, align 8
  store { ptr, [1 x i64] } %out, ptr %out1, align 8
  %vx2 = alloca float, align 4
  store float %vx, ptr %vx2, align 4
  %vy3 = alloca float, align 4
  store float %vy, ptr %vy3, align 4
  %vz4 = alloca float, align 4
  store float %vz, ptr %vz4, align 4
  %m5 = alloca float, align 4
  store float %m, ptr %m5, align 4
  %i = alloca i32, align 4
  %p = alloca { [3 x float], float, i1 }, align 8
  %pair = alloca { i32, { [3 x float], float, i1 } }, align 8
  %j = alloca i32, align 4
  %q = alloca { [3 x float], float, i1 }, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = call { i32, i32, i32 } @julia_threadIdx()
  %1 = extractvalue { i32, i32, i32 } %0, 0
  store i32 %1, ptr %i, align 4
  %2 = load float, ptr %vx2, align 4
  %3 = load float, ptr %vy3, align 4
  %4 = load float, ptr %vz4, align 4
  %5 = insertvalue [3 x float] undef, float %2, 0
  %6 = insertvalue [3 x float] %5, float %3, 1
  %7 = insertvalue [3 x float] %6, float %4, 2
  %8 = load float, ptr %m5, align 4
  %9 = call { [3 x float], float, i1 } @julia_Particle([3 x float] %7, float %8, i1 true)
  store { [3 x float], float, i1 } %9, ptr %p, align 4
  %10 = load i32, ptr %i, align 4
  %11 = load { [3 x float], float, i1 }, ptr %p, align 4
  %12 = insertvalue { i32, { [3 x float], float, i1 } } undef, i32 %10, 0
  %13 = insertvalue { i32, { [3 x float], float, i1 } } %12, { [3 x float], float, i1 } %11, 1
  store { i32, { [3 x float], float, i1 } } %13, ptr %pair, align 4
  %14 = load { i32, { [3 x float], float, i1 } }, ptr %pair, align 4
  %15 = extractvalue { i32, { [3 x float], float, i1 } } %14, 0
  store i32 %15, ptr %j, align 4
  %16 = extractvalue { i32, { [3 x float], float, i1 } } %14, 1
  store { [3 x float], float, i1 } %16, ptr %q, align 4
  %17 = load { [3 x float], float, i1 }, ptr %q, align 4
  %18 = extractvalue { [3 x float], float, i1 } %17, 2
  br i1 %18, label %L16, label %L20

L16:                                              ; preds = %L1
  %19 = load { [3 x float], float, i1 }, ptr %p, align 4
  %20 = extractvalue { [3 x float], float, i1 } %19, 0
  %21 = load { [3 x float], float, i1 }, ptr %q, align 4
  %22 = call float @julia_kinetic({ [3 x float], float, i1 } %21, [3 x float] %20)
  %23 = load { ptr, [1 x i64] }, ptr %out1, align 8
  %24 = load i32, ptr %j, align 4
  %25 = call { ptr, [1 x i64] } @julia_setindex_({ ptr, [1 x i64] } %23, float %22, i32 %24)
  br label %L20

L20:                                              ; preds = %L16, %L1
  ret void
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

define internal { [3 x float], float, i1 } @julia_Particle([3 x float] %pos, float %mass, i1 %alive) {
top:
  %pos1 = alloca [3 x float], align 4
  store [3 x float] %pos, ptr %pos1, align 4
  %mass2 = alloca float, align 4
  store float %mass, ptr %mass2, align 4
  %alive3 = alloca i1, align 1
  store i1 %alive, ptr %alive3, align 1
  br label %L1

L1:                                               ; preds = %top
  %0 = load [3 x float], ptr %pos1, align 4
  %1 = load float, ptr %mass2, align 4
  %2 = load i1, ptr %alive3, align 1
  %3 = insertvalue { [3 x float], float, i1 } undef, [3 x float] %0, 0
  %4 = insertvalue { [3 x float], float, i1 } %3, float %1, 1
  %5 = insertvalue { [3 x float], float, i1 } %4, i1 %2, 2
  ret { [3 x float], float, i1 } %5
}

; Function Attrs: alwaysinline
define internal float @julia_kinetic({ [3 x float], float, i1 } %p, [3 x float] %v) #0 {
top:
  %p1 = alloca { [3 x float], float, i1 }, align 8
  store { [3 x float], float, i1 } %p, ptr %p1, align 4
  %v2 = alloca [3 x float], align 4
  store [3 x float] %v, ptr %v2, align 4
  %s = alloca float, align 4
  %"@_5" = alloca { i64, i64 }, align 8
  %"@_6" = alloca i64, align 8
  %d = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  store float 0.000000e+00, ptr %s, align 4
  %0 = call { i64, i64 } @julia_colon(i64 1, i64 3)
  store { i64, i64 } %0, ptr %"@_5", align 8
  %1 = load { i64, i64 }, ptr %"@_5", align 8
  %2 = call i64 @julia_start({ i64, i64 } %1)
  store i64 %2, ptr %"@_6", align 8
  br label %L6

L6:                                               ; preds = %L9, %L1
  %3 = load { i64, i64 }, ptr %"@_5", align 8
  %4 = load i64, ptr %"@_6", align 8
  %5 = call i1 @julia_done({ i64, i64 } %3, i64 %4)
  %6 = call i1 @julia_not(i1 %5)
  br i1 %6, label %L9, label %L20

L9:                                               ; preds = %L6
  %7 = load { i64, i64 }, ptr %"@_5", align 8
  %8 = load i64, ptr %"@_6", align 8
  %9 = call [2 x i64] @julia_next({ i64, i64 } %7, i64 %8)
  %10 = extractvalue [2 x i64] %9, 0
  %11 = extractvalue [2 x i64] %9, 1
  store i64 %10, ptr %d, align 8
  store i64 %11, ptr %"@_6", align 8
  %12 = load [3 x float], ptr %v2, align 4
  %13 = load i64, ptr %d, align 8
  %14 = call float @julia_getindex([3 x float] %12, i64 %13)
  %15 = load [3 x float], ptr %v2, align 4
  %16 = load i64, ptr %d, align 8
  %17 = call float @julia_getindex([3 x float] %15, i64 %16)
  %18 = call float @julia_times(float %14, float %17)
  %19 = load float, ptr %s, align 4
  %20 = call float @julia_plus_1(float %19, float %18)
  store float %20, ptr %s, align 4
  br label %L6

L20:                                              ; preds = %L6
  %21 = load { [3 x float], float, i1 }, ptr %p1, align 4
  %22 = extractvalue { [3 x float], float, i1 } %21, 1
  %23 = call float @julia_times(float 5.000000e-01, float %22)
  %24 = load float, ptr %s, align 4
  %25 = call float @julia_times(float %23, float %24)
  ret float %25
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

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.x() #1

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

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.y() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.z() #1

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

define internal { i64, i64 } @julia_colon(i64 %a, i64 %b) {
top:
  %a1 = alloca i64, align 8
  store i64 %a, ptr %a1, align 8
  %b2 = alloca i64, align 8
  store i64 %b, ptr %b2, align 8
  %"@_4" = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %b2, align 8
  %1 = load i64, ptr %a1, align 8
  %2 = call i1 @julia_ge(i64 %0, i64 %1)
  br i1 %2, label %L3, label %L5

L3:                                               ; preds = %L1
  %3 = load i64, ptr %b2, align 8
  store i64 %3, ptr %"@_4", align 8
  br label %L8

L5:                                               ; preds = %L1
  %4 = call i64 @julia_one()
  %5 = load i64, ptr %a1, align 8
  %6 = call i64 @julia_minus(i64 %5, i64 1)
  store i64 %6, ptr %"@_4", align 8
  br label %L8

L8:                                               ; preds = %L5, %L3
  %7 = load i64, ptr %a1, align 8
  %8 = load i64, ptr %"@_4", align 8
  %9 = call { i64, i64 } @julia_UnitRange(i64 %7, i64 %8)
  ret { i64, i64 } %9
}

define internal i64 @julia_start({ i64, i64 } %r) {
top:
  %r1 = alloca { i64, i64 }, align 8
  store { i64, i64 } %r, ptr %r1, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load { i64, i64 }, ptr %r1, align 8
  %1 = extractvalue { i64, i64 } %0, 0
  ret i64 %1
}

define internal i1 @julia_done({ i64, i64 } %r, i64 %i) {
top:
  %r1 = alloca { i64, i64 }, align 8
  store { i64, i64 } %r, ptr %r1, align 8
  %i2 = alloca i64, align 8
  store i64 %i, ptr %i2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load { i64, i64 }, ptr %r1, align 8
  %1 = extractvalue { i64, i64 } %0, 1
  %2 = call i64 @julia_one()
  %3 = call i64 @julia_plus_2(i64 %1, i64 1)
  %4 = load i64, ptr %i2, align 8
  %5 = call i1 @julia_eq(i64 %4, i64 %3)
  ret i1 %5
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

define internal [2 x i64] @julia_next({ i64, i64 } %r, i64 %i) {
top:
  %r1 = alloca { i64, i64 }, align 8
  store { i64, i64 } %r, ptr %r1, align 8
  %i2 = alloca i64, align 8
  store i64 %i, ptr %i2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_one()
  %1 = load i64, ptr %i2, align 8
  %2 = call i64 @julia_plus_2(i64 %1, i64 1)
  %3 = load i64, ptr %i2, align 8
  %4 = insertvalue [2 x i64] undef, i64 %3, 0
  %5 = insertvalue [2 x i64] %4, i64 %2, 1
  ret [2 x i64] %5
}

define internal float @julia_getindex([3 x float] %t, i64 %i) {
top:
  %t1 = alloca [3 x float], align 4
  store [3 x float] %t, ptr %t1, align 4
  %i2 = alloca i64, align 8
  store i64 %i, ptr %i2, align 8
  %tuple = alloca [3 x float], align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = load [3 x float], ptr %t1, align 4
  %1 = load i64, ptr %i2, align 8
  store [3 x float] %0, ptr %tuple, align 4
  %2 = sub i64 %1, 1
  %3 = getelementptr inbounds [3 x float], ptr %tuple, i64 0, i64 %2
  %4 = load float, ptr %3, align 4
  ret float %4
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

define internal i1 @julia_ge(i64 %a, i64 %b) {
top:
  %a1 = alloca i64, align 8
  store i64 %a, ptr %a1, align 8
  %b2 = alloca i64, align 8
  store i64 %b, ptr %b2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %b2, align 8
  %1 = load i64, ptr %a1, align 8
  %2 = call i1 @julia_le(i64 %0, i64 %1)
  ret i1 %2
}

define internal i64 @julia_one() {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_convert_3(i64 1)
  ret i64 1
}

define internal i64 @julia_minus(i64 %a, i64 %b) {
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

define internal { i64, i64 } @julia_UnitRange(i64 %start, i64 %stop) {
top:
  %start1 = alloca i64, align 8
  store i64 %start, ptr %start1, align 8
  %stop2 = alloca i64, align 8
  store i64 %stop, ptr %stop2, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = load i64, ptr %start1, align 8
  %1 = load i64, ptr %stop2, align 8
  %2 = insertvalue { i64, i64 } undef, i64 %0, 0
  %3 = insertvalue { i64, i64 } %2, i64 %1, 1
  ret { i64, i64 } %3
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

define internal i1 @julia_le(i64 %a, i64 %b) {
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

declare void @gpu_report_exception_name(ptr)

declare void @gpu_report_exception_frame(i32, ptr, ptr, i32)

declare void @gpu_signal_exception()

define ptx_kernel void @energies(ptr addrspace(1) %out, i64 %out.dim1, float %vx, float %vy, float %vz, float %m) {
entry:
  %0 = addrspacecast ptr addrspace(1) %out to ptr
  %1 = insertvalue { ptr, [1 x i64] } undef, ptr %0, 0
  %2 = insertvalue [1 x i64] undef, i64 %out.dim1, 0
  %3 = insertvalue { ptr, [1 x i64] } %1, [1 x i64] %2, 1
  call void @julia_energies({ ptr, [1 x i64] } %3, float %vx, float %vy, float %vz, float %m)
  ret void
}

attributes #0 = { alwaysinline }
attributes #1 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }

!nvvm.annotations = !{!0}

!0 = !{ptr @energies, !"kernel", i32 1}
