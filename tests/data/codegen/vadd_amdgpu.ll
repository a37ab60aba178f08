; ModuleID = 'vadd'
source_filename = "vadd"
target datalayout = "e-p:64:64-p1:64:64-p2:32:32-p3:32:32-p4:64:64-p5:32:32-p6:32:32-p7:160:256:256:32-p8:128:128-p9:192:256:256:32-i64:64-v16:16-v24:32-v32:32-v48:64-v96:128-v192:256-v256:256-v512:512-v1024:1024-v2048:2048-n32:64-S32-A5-G1-ni:7:8:9"
target triple = "amdgcn-amd-amdhsa"

@.str = private unnamed_addr addrspace(1) constant [14 x i8] c"ArgumentError\00", align 1
@.str.1 = private unnamed_addr addrspace(1) constant [15 x i8] c"steprange_last\00", align 1
@.str.2 = private unnamed_addr addrspace(1) constant [18 x i8] c"prelude/ranges.jl\00", align 1
@.str.3 = private unnamed_addr addrspace(1) constant [12 x i8] c"DivideError\00", align 1
@.str.4 = private unnamed_addr addrspace(1) constant [4 x i8] c"rem\00", align 1
@.str.5 = private unnamed_addr addrspace(1) constant [15 x i8] c"prelude/int.jl\00", align 1

define internal void @julia_vadd({ ptr, [1 x i64] } %a, { ptr, [1 x i64] } %b, { ptr, [1 x i64] } %c) {
top:
  %index = alloca i32, align 4, addrspace(5)
  %stride = alloca i32, align 4, addrspace(5)
  %"@_7" = alloca { i64, i64, i64 }, align 8, addrspace(5)
  %"@_8" = alloca i64, align 8, addrspace(5)
  %i = alloca i64, align 8, addrspace(5)
  br label %L1

L1:                                               ; preds = %top
  %0 = call { i32, i32, i32 } @julia_blockIdx()
  %1 = extractvalue { i32, i32, i32 } %0, 0
  %2 = call i32 @julia_minus(i32 %1, i32 1)
  %3 = call { i32, i32, i32 } @julia_blockDim()
  %4 = extractvalue { i32, i32, i32 } %3, 0
  %5 = call i32 @julia_times(i32 %2, i32 %4)
  %6 = call { i32, i32, i32 } @julia_threadIdx()
  %7 = extractvalue { i32, i32, i32 } %6, 0
  %8 = call i32 @julia_plus(i32 %5, i32 %7)
  store i32 %8, ptr addrspace(5) %index, align 4
  %9 = call { i32, i32, i32 } @julia_gridDim()
  %10 = extractvalue { i32, i32, i32 } %9, 0
  %11 = call { i32, i32, i32 } @julia_blockDim()
  %12 = extractvalue { i32, i32, i32 } %11, 0
  %13 = call i32 @julia_times(i32 %10, i32 %12)
  store i32 %13, ptr addrspace(5) %stride, align 4
  %14 = call i64 @julia_length({ ptr, [1 x i64] } %c)
  %15 = load i32, ptr addrspace(5) %index, align 4
  %16 = load i32, ptr addrspace(5) %stride, align 4
  %17 = call { i64, i64, i64 } @julia_colon(i32 %15, i32 %16, i64 %14)
  store { i64, i64, i64 } %17, ptr addrspace(5) %"@_7", align 8
  %18 = load { i64, i64, i64 }, ptr addrspace(5) %"@_7", align 8
  %19 = call i64 @julia_start({ i64, i64, i64 } %18)
  store i64 %19, ptr addrspace(5) %"@_8", align 8
  br label %L23

L23:                                              ; preds = %L26, %L1
  %20 = load { i64, i64, i64 }, ptr addrspace(5) %"@_7", align 8
  %21 = load i64, ptr addrspace(5) %"@_8", align 8
  %22 = call i1 @julia_done({ i64, i64, i64 } %20, i64 %21)
  %23 = call i1 @julia_not(i1 %22)
  br i1 %23, label %L26, label %L36

L26:                                              ; preds = %L23
  %24 = load { i64, i64, i64 }, ptr addrspace(5) %"@_7", align 8
  %25 = load i64, ptr addrspace(5) %"@_8", align 8
  %26 = call [2 x i64] @julia_next({ i64, i64, i64 } %24, i64 %25)
  %27 = extractvalue [2 x i64] %26, 0
  %28 = extractvalue [2 x i64] %26, 1
  store i64 %27, ptr addrspace(5) %i, align 8
  store i64 %28, ptr addrspace(5) %"@_8", align 8
  %29 = load i64, ptr addrspace(5) %i, align 8
  %30 = call float @julia_getindex({ ptr, [1 x i64] } %a, i64 %29)
  %31 = load i64, ptr addrspace(5) %i, align 8
  %32 = call float @julia_getindex({ ptr, [1 x i64] } %b, i64 %31)
  %33 = call float @julia_plus_1(float %30, float %32)
  %34 = load i64, ptr addrspace(5) %i, align 8
  %35 = call { ptr, [1 x i64] } @julia_setindex_({ ptr, [1 x i64] } %c, float %33, i64 %34)
  br label %L23

L36:                                              ; preds = %L23
  ret void
}

; Function Attrs: alwaysinline
define internal { i32, i32, i32 } @julia_blockIdx() #0 {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i32 @llvm.amdgcn.workgroup.id.x()
  %1 = call i32 @julia_plus(i32 %0, i32 1)
  %2 = call i32 @llvm.amdgcn.workgroup.id.y()
  %3 = call i32 @julia_plus(i32 %2, i32 1)
  %4 = call i32 @llvm.amdgcn.workgroup.id.z()
  %5 = call i32 @julia_plus(i32 %4, i32 1)
  %6 = call { i32, i32, i32 } @julia_Dim3(i32 %1, i32 %3, i32 %5)
  ret { i32, i32, i32 } %6
}

define internal i32 @julia_minus(i32 %a, i32 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = sub i32 %a, %b
  ret i32 %0
}

; Function Attrs: alwaysinline
define internal { i32, i32, i32 } @julia_blockDim() #0 {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i32 @julia_ockl_local_size(i32 0)
  %1 = call i32 @julia_ockl_local_size(i32 1)
  %2 = call i32 @julia_ockl_local_size(i32 2)
  %3 = call { i32, i32, i32 } @julia_Dim3(i32 %0, i32 %1, i32 %2)
  ret { i32, i32, i32 } %3
}

define internal i32 @julia_times(i32 %a, i32 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = mul i32 %a, %b
  ret i32 %0
}

; Function Attrs: alwaysinline
define internal { i32, i32, i32 } @julia_threadIdx() #0 {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i32 @llvm.amdgcn.workitem.id.x()
  %1 = call i32 @julia_plus(i32 %0, i32 1)
  %2 = call i32 @llvm.amdgcn.workitem.id.y()
  %3 = call i32 @julia_plus(i32 %2, i32 1)
  %4 = call i32 @llvm.amdgcn.workitem.id.z()
  %5 = call i32 @julia_plus(i32 %4, i32 1)
  %6 = call { i32, i32, i32 } @julia_Dim3(i32 %1, i32 %3, i32 %5)
  ret { i32, i32, i32 } %6
}

define internal i32 @julia_plus(i32 %a, i32 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = add i32 %a, %b
  ret i32 %0
}

; Function Attrs: alwaysinline
define internal { i32, i32, i32 } @julia_gridDim() #0 {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i32 @julia_ockl_num_groups(i32 0)
  %1 = call i32 @julia_ockl_num_groups(i32 1)
  %2 = call i32 @julia_ockl_num_groups(i32 2)
  %3 = call { i32, i32, i32 } @julia_Dim3(i32 %0, i32 %1, i32 %2)
  ret { i32, i32, i32 } %3
}

define internal i64 @julia_length({ ptr, [1 x i64] } %a) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = extractvalue { ptr, [1 x i64] } %a, 1
  %1 = call i64 @julia_getindex_1([1 x i64] %0, i64 1)
  ret i64 %1
}

define internal { i64, i64, i64 } @julia_colon(i32 %a, i32 %s, i64 %b) {
top:
  %x = alloca i64, align 8, addrspace(5)
  %y = alloca i64, align 8, addrspace(5)
  %z = alloca i64, align 8, addrspace(5)
  br label %L1

L1:                                               ; preds = %top
  %0 = call [3 x i64] @julia_promote(i32 %a, i32 %s, i64 %b)
  %1 = extractvalue [3 x i64] %0, 0
  store i64 %1, ptr addrspace(5) %x, align 8
  %2 = extractvalue [3 x i64] %0, 1
  store i64 %2, ptr addrspace(5) %y, align 8
  %3 = extractvalue [3 x i64] %0, 2
  store i64 %3, ptr addrspace(5) %z, align 8
  %4 = load i64, ptr addrspace(5) %x, align 8
  %5 = load i64, ptr addrspace(5) %y, align 8
  %6 = load i64, ptr addrspace(5) %z, align 8
  %7 = call { i64, i64, i64 } @julia_colon_1(i64 %4, i64 %5, i64 %6)
  ret { i64, i64, i64 } %7
}

define internal i64 @julia_start({ i64, i64, i64 } %r) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = extractvalue { i64, i64, i64 } %r, 0
  %1 = extractvalue { i64, i64, i64 } %r, 1
  %2 = call i64 @julia_zero(i64 %1)
  %3 = call i64 @julia_plus_2(i64 %0, i64 0)
  ret i64 %3
}

define internal i1 @julia_done({ i64, i64, i64 } %r, i64 %i) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i1 @julia_isempty({ i64, i64, i64 } %r)
  %1 = extractvalue { i64, i64, i64 } %r, 1
  %2 = call i1 @julia_gt(i64 %1, i64 0)
  %3 = extractvalue { i64, i64, i64 } %r, 2
  %4 = call i1 @julia_gt(i64 %i, i64 %3)
  %5 = call i1 @julia_and(i1 %2, i1 %4)
  %6 = call i1 @julia_or(i1 %0, i1 %5)
  %7 = extractvalue { i64, i64, i64 } %r, 1
  %8 = call i1 @julia_lt(i64 %7, i64 0)
  %9 = extractvalue { i64, i64, i64 } %r, 2
  %10 = call i1 @julia_lt(i64 %i, i64 %9)
  %11 = call i1 @julia_and(i1 %8, i1 %10)
  %12 = call i1 @julia_or(i1 %6, i1 %11)
  ret i1 %12
}

define internal i1 @julia_not(i1 %x) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = xor i1 %x, true
  ret i1 %0
}

define internal [2 x i64] @julia_next({ i64, i64, i64 } %r, i64 %i) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_convert(i64 %i)
  %1 = extractvalue { i64, i64, i64 } %r, 1
  %2 = call i64 @julia_plus_2(i64 %i, i64 %1)
  %3 = insertvalue [2 x i64] undef, i64 %0, 0
  %4 = insertvalue [2 x i64] %3, i64 %2, 1
  ret [2 x i64] %4
}

; Function Attrs: alwaysinline
define internal float @julia_getindex({ ptr, [1 x i64] } %a, i64 %i) #0 {
top:
  %k = alloca i64, align 8, addrspace(5)
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_convert(i64 %i)
  store i64 %0, ptr addrspace(5) %k, align 8
  br label %L6

L6:                                               ; preds = %L1
  %1 = extractvalue { ptr, [1 x i64] } %a, 0
  %2 = load i64, ptr addrspace(5) %k, align 8
  %3 = sub i64 %2, 1
  %4 = getelementptr inbounds float, ptr %1, i64 %3
  %5 = load float, ptr %4, align 4
  ret float %5
}

define internal float @julia_plus_1(float %a, float %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = fadd float %a, %b
  ret float %0
}

; Function Attrs: alwaysinline
define internal { ptr, [1 x i64] } @julia_setindex_({ ptr, [1 x i64] } %a, float %v, i64 %i) #0 {
top:
  %k = alloca i64, align 8, addrspace(5)
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_convert(i64 %i)
  store i64 %0, ptr addrspace(5) %k, align 8
  br label %L6

L6:                                               ; preds = %L1
  %1 = extractvalue { ptr, [1 x i64] } %a, 0
  %2 = call float @julia_convert_1(float %v)
  %3 = load i64, ptr addrspace(5) %k, align 8
  %4 = sub i64 %3, 1
  %5 = getelementptr inbounds float, ptr %1, i64 %4
  store float %2, ptr %5, align 4
  ret { ptr, [1 x i64] } %a
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.amdgcn.workgroup.id.x() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.amdgcn.workgroup.id.y() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.amdgcn.workgroup.id.z() #1

define internal { i32, i32, i32 } @julia_Dim3(i32 %x, i32 %y, i32 %z) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = insertvalue { i32, i32, i32 } undef, i32 %x, 0
  %1 = insertvalue { i32, i32, i32 } %0, i32 %y, 1
  %2 = insertvalue { i32, i32, i32 } %1, i32 %z, 2
  ret { i32, i32, i32 } %2
}

; Function Attrs: alwaysinline
define internal i32 @julia_ockl_local_size(i32 %d) #0 {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i32 @julia_convert_2(i32 %d)
  %1 = call i64 @__ockl_get_local_size(i32 %0)
  %2 = trunc i64 %1 to i32
  ret i32 %2
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.amdgcn.workitem.id.x() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.amdgcn.workitem.id.y() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.amdgcn.workitem.id.z() #1

; Function Attrs: alwaysinline
define internal i32 @julia_ockl_num_groups(i32 %d) #0 {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i32 @julia_convert_2(i32 %d)
  %1 = call i64 @__ockl_get_num_groups(i32 %0)
  %2 = trunc i64 %1 to i32
  ret i32 %2
}

define internal i64 @julia_getindex_1([1 x i64] %t, i64 %i) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = extractvalue [1 x i64] %t, 0
  ret i64 %0
}

define internal [3 x i64] @julia_promote(i32 %a, i32 %b, i64 %c) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_convert_3(i32 %a)
  %1 = call i64 @julia_convert_3(i32 %b)
  %2 = call i64 @julia_convert(i64 %c)
  %3 = insertvalue [3 x i64] undef, i64 %0, 0
  %4 = insertvalue [3 x i64] %3, i64 %1, 1
  %5 = insertvalue [3 x i64] %4, i64 %2, 2
  ret [3 x i64] %5
}

define internal { i64, i64, i64 } @julia_colon_1(i64 %a, i64 %s, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_steprange_last(i64 %a, i64 %s, i64 %b)
  %1 = call { i64, i64, i64 } @julia_StepRange(i64 %a, i64 %s, i64 %0)
  ret { i64, i64, i64 } %1
}

define internal i64 @julia_zero(i64 %x) {
top:
  br label %L1

L1:                                               ; preds = %top
  ret i64 0
}

define internal i64 @julia_plus_2(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = add i64 %a, %b
  ret i64 %0
}

define internal i1 @julia_isempty({ i64, i64, i64 } %r) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = extractvalue { i64, i64, i64 } %r, 0
  %1 = extractvalue { i64, i64, i64 } %r, 2
  %2 = call i1 @julia_ne(i64 %0, i64 %1)
  %3 = extractvalue { i64, i64, i64 } %r, 1
  %4 = call i1 @julia_gt(i64 %3, i64 0)
  %5 = extractvalue { i64, i64, i64 } %r, 2
  %6 = extractvalue { i64, i64, i64 } %r, 0
  %7 = call i1 @julia_gt(i64 %5, i64 %6)
  %8 = call i1 @julia_ne_1(i1 %4, i1 %7)
  %9 = call i1 @julia_and(i1 %2, i1 %8)
  ret i1 %9
}

define internal i1 @julia_gt(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i1 @julia_lt(i64 %b, i64 %a)
  ret i1 %0
}

define internal i1 @julia_and(i1 %a, i1 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = and i1 %a, %b
  ret i1 %0
}

define internal i1 @julia_or(i1 %a, i1 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = or i1 %a, %b
  ret i1 %0
}

define internal i1 @julia_lt(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = icmp slt i64 %a, %b
  ret i1 %0
}

define internal i64 @julia_convert(i64 %x) {
top:
  br label %L1

L1:                                               ; preds = %top
  ret i64 %x
}

define internal float @julia_convert_1(float %x) {
top:
  br label %L1

L1:                                               ; preds = %top
  ret float %x
}

define internal i32 @julia_convert_2(i32 %x) {
top:
  br label %L1

L1:                                               ; preds = %top
  ret i32 %x
}

declare i64 @__ockl_get_local_size(i32)

declare i64 @__ockl_get_num_groups(i32)

define internal i64 @julia_convert_3(i32 %x) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = sext i32 %x to i64
  ret i64 %0
}

define internal i64 @julia_steprange_last(i64 %a, i64 %s, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i1 @julia_eq(i64 %s, i64 0)
  br i1 %0, label %L4, label %L9

L4:                                               ; preds = %L1
  call void @julia_ArgumentError()
  call void @julia_report_exception_name(ptr addrspacecast (ptr addrspace(1) @.str to ptr))
  call void @julia_report_exception_frame(i32 1, ptr addrspacecast (ptr addrspace(1) @.str.1 to ptr), ptr addrspacecast (ptr addrspace(1) @.str.2 to ptr), i32 41)
  call void @julia_signal_exception()
  unreachable

L9:                                               ; preds = %L1
  %1 = call i1 @julia_eq(i64 %b, i64 %a)
  br i1 %1, label %L11, label %L12

L11:                                              ; preds = %L9
  ret i64 %b

L12:                                              ; preds = %L9
  %2 = call i1 @julia_gt(i64 %s, i64 0)
  %3 = call i1 @julia_gt(i64 %b, i64 %a)
  %4 = call i1 @julia_ne_1(i1 %2, i1 %3)
  br i1 %4, label %L17, label %L19

L17:                                              ; preds = %L12
  %5 = call i64 @julia_minus_1(i64 %a, i64 %s)
  ret i64 %5

L19:                                              ; preds = %L12
  %6 = call i64 @julia_minus_1(i64 %b, i64 %a)
  %7 = call i64 @julia_rem(i64 %6, i64 %s)
  %8 = call i64 @julia_minus_1(i64 %b, i64 %7)
  ret i64 %8
}

define internal { i64, i64, i64 } @julia_StepRange(i64 %start, i64 %step, i64 %stop) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = insertvalue { i64, i64, i64 } undef, i64 %start, 0
  %1 = insertvalue { i64, i64, i64 } %0, i64 %step, 1
  %2 = insertvalue { i64, i64, i64 } %1, i64 %stop, 2
  ret { i64, i64, i64 } %2
}

define internal i1 @julia_ne(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i1 @julia_eq(i64 %a, i64 %b)
  %1 = call i1 @julia_not(i1 %0)
  ret i1 %1
}

define internal i1 @julia_ne_1(i1 %a, i1 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i1 @julia_eq_1(i1 %a, i1 %b)
  %1 = call i1 @julia_not(i1 %0)
  ret i1 %1
}

define internal i1 @julia_eq(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = icmp eq i64 %a, %b
  ret i1 %0
}

define internal void @julia_ArgumentError() {
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

define internal i64 @julia_minus_1(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = sub i64 %a, %b
  ret i64 %0
}

define internal i64 @julia_rem(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i1 @julia_eq(i64 %b, i64 0)
  br i1 %0, label %L4, label %L9

L4:                                               ; preds = %L1
  call void @julia_DivideError()
  call void @julia_report_exception_name(ptr addrspacecast (ptr addrspace(1) @.str.3 to ptr))
  call void @julia_report_exception_frame(i32 1, ptr addrspacecast (ptr addrspace(1) @.str.4 to ptr), ptr addrspacecast (ptr addrspace(1) @.str.5 to ptr), i32 78)
  call void @julia_signal_exception()
  unreachable

L9:                                               ; preds = %L1
  %1 = call i1 @julia_eq(i64 %b, i64 -1)
  br i1 %1, label %L13, label %L15

L13:                                              ; preds = %L9
  ret i64 0

L15:                                              ; preds = %L9
  %2 = srem i64 %a, %b
  ret i64 %2
}

define internal i1 @julia_eq_1(i1 %a, i1 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = icmp eq i1 %a, %b
  ret i1 %0
}

declare void @gpu_report_exception_name(ptr)

declare void @gpu_report_exception_frame(i32, ptr, ptr, i32)

declare void @gpu_signal_exception()

define internal void @julia_DivideError() {
top:
  br label %L1

L1:                                               ; preds = %top
  ret void
}

define amdgpu_kernel void @vadd(ptr addrspace(1) %a, i64 %a.dim1, ptr addrspace(1) %b, i64 %b.dim1, ptr addrspace(1) %c, i64 %c.dim1) {
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
