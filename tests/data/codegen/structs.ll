; ModuleID = 'energies'
source_filename = "energies"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [12 x i8] c"BoundsError\00", align 1
@.str.1 = private unnamed_addr constant [9 x i8] c"getindex\00", align 1
@.str.2 = private unnamed_addr constant [18 x i8] c"prelude/arrays.jl\00", align 1

define internal void @julia_energies({ ptr, [1 x i64] } %out, float %vx, float %vy, float %vz, float %m) {
top:
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
  %2 = insertvalue [3 x float] undef, float %vx, 0
  %3 = insertvalue [3 x float] %2, float %vy, 1
  %4 = insertvalue [3 x float] %3, float %vz, 2
  %5 = call { [3 x float], float, i1 } @julia_Particle([3 x float] %4, float %m, i1 true)
  store { [3 x float], float, i1 } %5, ptr %p, align 4
  %6 = load i32, ptr %i, align 4
  %7 = load { [3 x float], float, i1 }, ptr %p, align 4
  %8 = insertvalue { i32, { [3 x float], float, i1 } } undef, i32 %6, 0
  %9 = insertvalue { i32, { [3 x float], float, i1 } } %8, { [3 x float], float, i1 } %7, 1
  store { i32, { [3 x float], float, i1 } } %9, ptr %pair, align 4
  %10 = load { i32, { [3 x float], float, i1 } }, ptr %pair, align 4
  %11 = extractvalue { i32, { [3 x float], float, i1 } } %10, 0
  store i32 %11, ptr %j, align 4
  %12 = extractvalue { i32, { [3 x float], float, i1 } } %10, 1
  store { [3 x float], float, i1 } %12, ptr %q, align 4
  %13 = load { [3 x float], float, i1 }, ptr %q, align 4
  %14 = extractvalue { [3 x float], float, i1 } %13, 2
  br i1 %14, label %L16, label %L20

L16:                                              ; preds = %L1
  %15 = load { [3 x float], float, i1 }, ptr %p, align 4
  %16 = extractvalue { [3 x float], float, i1 } %15, 0
  %17 = load { [3 x float], float, i1 }, ptr %q, align 4
  %18 = call float @julia_kinetic({ [3 x float], float, i1 } %17, [3 x float] %16)
  %19 = load i32, ptr %j, align 4
  %20 = call { ptr, [1 x i64] } @julia_setindex_({ ptr, [1 x i64] } %out, float %18, i32 %19)
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
  %1 = call i32 @julia_plus(i32 %0, i32 1)
  %2 = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %3 = call i32 @julia_plus(i32 %2, i32 1)
  %4 = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %5 = call i32 @julia_plus(i32 %4, i32 1)
  %6 = call { i32, i32, i32 } @julia_Dim3(i32 %1, i32 %3, i32 %5)
  ret { i32, i32, i32 } %6
}

define internal { [3 x float], float, i1 } @julia_Particle([3 x float] %pos, float %mass, i1 %alive) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = insertvalue { [3 x float], float, i1 } undef, [3 x float] %pos, 0
  %1 = insertvalue { [3 x float], float, i1 } %0, float %mass, 1
  %2 = insertvalue { [3 x float], float, i1 } %1, i1 %alive, 2
  ret { [3 x float], float, i1 } %2
}

; Function Attrs: alwaysinline
define internal float @julia_kinetic({ [3 x float], float, i1 } %p, [3 x float] %v) #0 {
top:
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
  %12 = load i64, ptr %d, align 8
  %13 = call float @julia_getindex([3 x float] %v, i64 %12)
  %14 = load i64, ptr %d, align 8
  %15 = call float @julia_getindex([3 x float] %v, i64 %14)
  %16 = call float @julia_times(float %13, float %15)
  %17 = load float, ptr %s, align 4
  %18 = call float @julia_plus_1(float %17, float %16)
  store float %18, ptr %s, align 4
  br label %L6

L20:                                              ; preds = %L6
  %19 = extractvalue { [3 x float], float, i1 } %p, 1
  %20 = call float @julia_times(float 5.000000e-01, float %19)
  %21 = load float, ptr %s, align 4
  %22 = call float @julia_times(float %20, float %21)
  ret float %22
}

; Function Attrs: alwaysinline
define internal { ptr, [1 x i64] } @julia_setindex_({ ptr, [1 x i64] } %a, float %v, i32 %i) #0 {
top:
  %k = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_convert(i32 %i)
  store i64 %0, ptr %k, align 8
  br label %L6

L6:                                               ; preds = %L1
  %1 = extractvalue { ptr, [1 x i64] } %a, 0
  %2 = call float @julia_convert_1(float %v)
  %3 = load i64, ptr %k, align 8
  %4 = sub i64 %3, 1
  %5 = getelementptr inbounds float, ptr %1, i64 %4
  store float %2, ptr %5, align 4
  ret { ptr, [1 x i64] } %a
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.x() #1

define internal i32 @julia_plus(i32 %a, i32 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = add i32 %a, %b
  ret i32 %0
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.y() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.z() #1

define internal { i32, i32, i32 } @julia_Dim3(i32 %x, i32 %y, i32 %z) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = insertvalue { i32, i32, i32 } undef, i32 %x, 0
  %1 = insertvalue { i32, i32, i32 } %0, i32 %y, 1
  %2 = insertvalue { i32, i32, i32 } %1, i32 %z, 2
  ret { i32, i32, i32 } %2
}

define internal { i64, i64 } @julia_colon(i64 %a, i64 %b) {
top:
  %"@_4" = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = call i1 @julia_ge(i64 %b, i64 %a)
  br i1 %0, label %L3, label %L5

L3:                                               ; preds = %L1
  store i64 %b, ptr %"@_4", align 8
  br label %L8

L5:                                               ; preds = %L1
  %1 = call i64 @julia_minus(i64 %a, i64 1)
  store i64 %1, ptr %"@_4", align 8
  br label %L8

L8:                                               ; preds = %L5, %L3
  %2 = load i64, ptr %"@_4", align 8
  %3 = call { i64, i64 } @julia_UnitRange(i64 %a, i64 %2)
  ret { i64, i64 } %3
}

define internal i64 @julia_start({ i64, i64 } %r) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = extractvalue { i64, i64 } %r, 0
  ret i64 %0
}

define internal i1 @julia_done({ i64, i64 } %r, i64 %i) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = extractvalue { i64, i64 } %r, 1
  %1 = call i64 @julia_plus_2(i64 %0, i64 1)
  %2 = call i1 @julia_eq(i64 %i, i64 %1)
  ret i1 %2
}

define internal i1 @julia_not(i1 %x) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = xor i1 %x, true
  ret i1 %0
}

define internal [2 x i64] @julia_next({ i64, i64 } %r, i64 %i) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_plus_2(i64 %i, i64 1)
  %1 = insertvalue [2 x i64] undef, i64 %i, 0
  %2 = insertvalue [2 x i64] %1, i64 %0, 1
  ret [2 x i64] %2
}

define internal float @julia_getindex([3 x float] %t, i64 %i) {
top:
  %tuple = alloca [3 x float], align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = sub i64 %i, 1
  %inbounds = icmp ult i64 %0, 3
  br i1 %inbounds, label %tuple_inbounds, label %tuple_oob

tuple_inbounds:                                   ; preds = %L1
  store [3 x float] %t, ptr %tuple, align 4
  %1 = getelementptr inbounds [3 x float], ptr %tuple, i64 0, i64 %0
  %2 = load float, ptr %1, align 4
  ret float %2

tuple_oob:                                        ; preds = %L1
  call void @julia_report_exception_name(ptr @.str)
  call void @julia_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 11)
  call void @julia_signal_exception()
  unreachable
}

define internal float @julia_times(float %a, float %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = fmul float %a, %b
  ret float %0
}

define internal float @julia_plus_1(float %a, float %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = fadd float %a, %b
  ret float %0
}

define internal i64 @julia_convert(i32 %x) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = sext i32 %x to i64
  ret i64 %0
}

define internal float @julia_convert_1(float %x) {
top:
  br label %L1

L1:                                               ; preds = %top
  ret float %x
}

define internal i1 @julia_ge(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i1 @julia_le(i64 %b, i64 %a)
  ret i1 %0
}

define internal i64 @julia_minus(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = sub i64 %a, %b
  ret i64 %0
}

define internal { i64, i64 } @julia_UnitRange(i64 %start, i64 %stop) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = insertvalue { i64, i64 } undef, i64 %start, 0
  %1 = insertvalue { i64, i64 } %0, i64 %stop, 1
  ret { i64, i64 } %1
}

define internal i64 @julia_plus_2(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = add i64 %a, %b
  ret i64 %0
}

define internal i1 @julia_eq(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = icmp eq i64 %a, %b
  ret i1 %0
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

define internal i1 @julia_le(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = icmp sle i64 %a, %b
  ret i1 %0
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
