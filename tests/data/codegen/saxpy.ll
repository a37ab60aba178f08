; ModuleID = 'saxpy'
source_filename = "saxpy"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

define internal void @julia_saxpy(float %a, { ptr, [1 x i64] } %x, { ptr, [1 x i64] } %y) {
top:
  %i = alloca i32, align 4
  br label %L1

L1:                                               ; preds = %top
  %0 = call i32 @julia_global_index()
  store i32 %0, ptr %i, align 4
  %1 = call i64 @julia_length({ ptr, [1 x i64] } %y)
  %2 = load i32, ptr %i, align 4
  %3 = call i1 @julia_le(i32 %2, i64 %1)
  br i1 %3, label %L6, label %L12

L6:                                               ; preds = %L1
  %4 = load i32, ptr %i, align 4
  %5 = call float @julia_getindex({ ptr, [1 x i64] } %x, i32 %4)
  %6 = call float @julia_times(float %a, float %5)
  %7 = load i32, ptr %i, align 4
  %8 = call float @julia_getindex({ ptr, [1 x i64] } %y, i32 %7)
  %9 = call float @julia_plus(float %6, float %8)
  %10 = load i32, ptr %i, align 4
  %11 = call { ptr, [1 x i64] } @julia_setindex_({ ptr, [1 x i64] } %y, float %9, i32 %10)
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
  %2 = call i32 @julia_minus(i32 %1, i32 1)
  %3 = call { i32, i32, i32 } @julia_blockDim()
  %4 = extractvalue { i32, i32, i32 } %3, 0
  %5 = call i32 @julia_times_1(i32 %2, i32 %4)
  %6 = call { i32, i32, i32 } @julia_threadIdx()
  %7 = extractvalue { i32, i32, i32 } %6, 0
  %8 = call i32 @julia_plus_1(i32 %5, i32 %7)
  ret i32 %8
}

define internal i64 @julia_length({ ptr, [1 x i64] } %a) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = extractvalue { ptr, [1 x i64] } %a, 1
  %1 = call i64 @julia_getindex_1([1 x i64] %0, i64 1)
  ret i64 %1
}

define internal i1 @julia_le(i32 %a, i64 %b) {
top:
  %x = alloca i64, align 8
  %y = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = call [2 x i64] @julia_promote(i32 %a, i64 %b)
  %1 = extractvalue [2 x i64] %0, 0
  store i64 %1, ptr %x, align 8
  %2 = extractvalue [2 x i64] %0, 1
  store i64 %2, ptr %y, align 8
  %3 = load i64, ptr %x, align 8
  %4 = load i64, ptr %y, align 8
  %5 = call i1 @julia_le_1(i64 %3, i64 %4)
  ret i1 %5
}

; Function Attrs: alwaysinline
define internal float @julia_getindex({ ptr, [1 x i64] } %a, i32 %i) #0 {
top:
  %k = alloca i64, align 8
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_convert(i32 %i)
  store i64 %0, ptr %k, align 8
  br label %L6

L6:                                               ; preds = %L1
  %1 = extractvalue { ptr, [1 x i64] } %a, 0
  %2 = load i64, ptr %k, align 8
  %3 = sub i64 %2, 1
  %4 = getelementptr inbounds float, ptr %1, i64 %3
  %5 = load float, ptr %4, align 4
  ret float %5
}

define internal float @julia_times(float %a, float %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = fmul float %a, %b
  ret float %0
}

define internal float @julia_plus(float %a, float %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = fadd float %a, %b
  ret float %0
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

; Function Attrs: alwaysinline
define internal { i32, i32, i32 } @julia_blockIdx() #0 {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %1 = call i32 @julia_plus_1(i32 %0, i32 1)
  %2 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
  %3 = call i32 @julia_plus_1(i32 %2, i32 1)
  %4 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.z()
  %5 = call i32 @julia_plus_1(i32 %4, i32 1)
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
  %0 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %1 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %2 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.z()
  %3 = call { i32, i32, i32 } @julia_Dim3(i32 %0, i32 %1, i32 %2)
  ret { i32, i32, i32 } %3
}

define internal i32 @julia_times_1(i32 %a, i32 %b) {
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
  %0 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %1 = call i32 @julia_plus_1(i32 %0, i32 1)
  %2 = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %3 = call i32 @julia_plus_1(i32 %2, i32 1)
  %4 = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %5 = call i32 @julia_plus_1(i32 %4, i32 1)
  %6 = call { i32, i32, i32 } @julia_Dim3(i32 %1, i32 %3, i32 %5)
  ret { i32, i32, i32 } %6
}

define internal i32 @julia_plus_1(i32 %a, i32 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = add i32 %a, %b
  ret i32 %0
}

define internal i64 @julia_getindex_1([1 x i64] %t, i64 %i) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = extractvalue [1 x i64] %t, 0
  ret i64 %0
}

define internal [2 x i64] @julia_promote(i32 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = call i64 @julia_convert(i32 %a)
  %1 = call i64 @julia_convert_2(i64 %b)
  %2 = insertvalue [2 x i64] undef, i64 %0, 0
  %3 = insertvalue [2 x i64] %2, i64 %1, 1
  ret [2 x i64] %3
}

define internal i1 @julia_le_1(i64 %a, i64 %b) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = icmp sle i64 %a, %b
  ret i1 %0
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

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.x() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.y() #1

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.z() #1

define internal { i32, i32, i32 } @julia_Dim3(i32 %x, i32 %y, i32 %z) {
top:
  br label %L1

L1:                                               ; preds = %top
  %0 = insertvalue { i32, i32, i32 } undef, i32 %x, 0
  %1 = insertvalue { i32, i32, i32 } %0, i32 %y, 1
  %2 = insertvalue { i32, i32, i32 } %1, i32 %z, 2
  ret { i32, i32, i32 } %2
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

define internal i64 @julia_convert_2(i64 %x) {
top:
  br label %L1

L1:                                               ; preds = %top
  ret i64 %x
}

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
