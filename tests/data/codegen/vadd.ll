; ModuleID = 'vadd'
source_filename = "vadd"
target datalayout = "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
target triple = "nvptx64-nvidia-cuda"

@.str = private unnamed_addr constant [14 x i8] c"ArgumentError\00", align 1
@.str.1 = private unnamed_addr constant [15 x i8] c"steprange_last\00", align 1
@.str.2 = private unnamed_addr constant [18 x i8] c"prelude/ranges.jl\00", align 1
@.str.3 = private unnamed_addr constant [12 x i8] c"DivideError\00", align 1
@.str.4 = private unnamed_addr constant [4 x i8] c"rem\00", align 1
@.str.5 = private unnamed_addr constant [15 x i8] c"prelude/int.jl\00", align 1

define ptx_kernel void @vadd(ptr addrspace(1) %a, i64 %a.dim1, ptr addrspace(1) %b, i64 %b.dim1, ptr addrspace(1) %c, i64 %c.dim1) {
top:
  %index = alloca i32, align 4
  %stride = alloca i32, align 4
  %tuple = alloca [1 x i64], align 8
  %x = alloca i64, align 8
  %y = alloca i64, align 8
  %z = alloca i64, align 8
  %"@_7" = alloca { i64, i64, i64 }, align 8
  %"@_8" = alloca i64, align 8
  %i = alloca i64, align 8
  %k = alloca i64, align 8
  %k3 = alloca i64, align 8
  %k4 = alloca i64, align 8
  br label %entry

entry:                                            ; preds = %top
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
  %12 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.x()
  %13 = add i32 %12, 1
  %14 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.y()
  %15 = add i32 %14, 1
  %16 = call i32 @llvm.nvvm.read.ptx.sreg.ctaid.z()
  %17 = add i32 %16, 1
  %18 = insertvalue { i32, i32, i32 } undef, i32 %13, 0
  %19 = insertvalue { i32, i32, i32 } %18, i32 %15, 1
  %20 = insertvalue { i32, i32, i32 } %19, i32 %17, 2
  %21 = extractvalue { i32, i32, i32 } %20, 0
  %22 = sub i32 %21, 1
  %23 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %24 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %25 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.z()
  %26 = insertvalue { i32, i32, i32 } undef, i32 %23, 0
  %27 = insertvalue { i32, i32, i32 } %26, i32 %24, 1
  %28 = insertvalue { i32, i32, i32 } %27, i32 %25, 2
  %29 = extractvalue { i32, i32, i32 } %28, 0
  %30 = mul i32 %22, %29
  %31 = call i32 @llvm.nvvm.read.ptx.sreg.tid.x()
  %32 = add i32 %31, 1
  %33 = call i32 @llvm.nvvm.read.ptx.sreg.tid.y()
  %34 = add i32 %33, 1
  %35 = call i32 @llvm.nvvm.read.ptx.sreg.tid.z()
  %36 = add i32 %35, 1
  %37 = insertvalue { i32, i32, i32 } undef, i32 %32, 0
  %38 = insertvalue { i32, i32, i32 } %37, i32 %34, 1
  %39 = insertvalue { i32, i32, i32 } %38, i32 %36, 2
  %40 = extractvalue { i32, i32, i32 } %39, 0
  %41 = add i32 %30, %40
  store i32 %41, ptr %index, align 4
  %42 = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.x()
  %43 = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.y()
  %44 = call i32 @llvm.nvvm.read.ptx.sreg.nctaid.z()
  %45 = insertvalue { i32, i32, i32 } undef, i32 %42, 0
  %46 = insertvalue { i32, i32, i32 } %45, i32 %43, 1
  %47 = insertvalue { i32, i32, i32 } %46, i32 %44, 2
  %48 = extractvalue { i32, i32, i32 } %47, 0
  %49 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.x()
  %50 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.y()
  %51 = call i32 @llvm.nvvm.read.ptx.sreg.ntid.z()
  %52 = insertvalue { i32, i32, i32 } undef, i32 %49, 0
  %53 = insertvalue { i32, i32, i32 } %52, i32 %50, 1
  %54 = insertvalue { i32, i32, i32 } %53, i32 %51, 2
  %55 = extractvalue { i32, i32, i32 } %54, 0
  %56 = mul i32 %48, %55
  store i32 %56, ptr %stride, align 4
  %57 = extractvalue { ptr, [1 x i64] } %11, 1
  store [1 x i64] %57, ptr %tuple, align 8
  %58 = getelementptr inbounds [1 x i64], ptr %tuple, i64 0, i64 0
  %59 = load i64, ptr %58, align 8
  %60 = load i32, ptr %index, align 4
  %61 = load i32, ptr %stride, align 4
  %62 = sext i32 %60 to i64
  %63 = sext i32 %61 to i64
  %64 = insertvalue [3 x i64] undef, i64 %62, 0
  %65 = insertvalue [3 x i64] %64, i64 %63, 1
  %66 = insertvalue [3 x i64] %65, i64 %59, 2
  %67 = extractvalue [3 x i64] %66, 0
  store i64 %67, ptr %x, align 8
  %68 = extractvalue [3 x i64] %66, 1
  store i64 %68, ptr %y, align 8
  %69 = extractvalue [3 x i64] %66, 2
  store i64 %69, ptr %z, align 8
  %70 = load i64, ptr %x, align 8
  %71 = load i64, ptr %y, align 8
  %72 = load i64, ptr %z, align 8
  %73 = icmp eq i64 %71, 0
  br i1 %73, label %steprange_last.L4, label %steprange_last.L9

vadd.L23:                                         ; preds = %"setindex!.ret", %steprange_last.ret
  %74 = load { i64, i64, i64 }, ptr %"@_7", align 8
  %75 = load i64, ptr %"@_8", align 8
  %76 = extractvalue { i64, i64, i64 } %74, 0
  %77 = extractvalue { i64, i64, i64 } %74, 2
  %78 = icmp eq i64 %76, %77
  %79 = xor i1 %78, true
  %80 = extractvalue { i64, i64, i64 } %74, 1
  %81 = icmp slt i64 0, %80
  %82 = extractvalue { i64, i64, i64 } %74, 2
  %83 = extractvalue { i64, i64, i64 } %74, 0
  %84 = icmp slt i64 %83, %82
  %85 = icmp eq i1 %81, %84
  %86 = xor i1 %85, true
  %87 = and i1 %79, %86
  %88 = extractvalue { i64, i64, i64 } %74, 1
  %89 = icmp slt i64 0, %88
  %90 = extractvalue { i64, i64, i64 } %74, 2
  %91 = icmp slt i64 %90, %75
  %92 = and i1 %89, %91
  %93 = or i1 %87, %92
  %94 = extractvalue { i64, i64, i64 } %74, 1
  %95 = icmp slt i64 %94, 0
  %96 = extractvalue { i64, i64, i64 } %74, 2
  %97 = icmp slt i64 %75, %96
  %98 = and i1 %95, %97
  %99 = or i1 %93, %98
  %100 = xor i1 %99, true
  br i1 %100, label %vadd.L26, label %vadd.L36

vadd.L26:                                         ; preds = %vadd.L23
  %101 = load { i64, i64, i64 }, ptr %"@_7", align 8
  %102 = load i64, ptr %"@_8", align 8
  %103 = extractvalue { i64, i64, i64 } %101, 1
  %104 = add i64 %102, %103
  %105 = insertvalue [2 x i64] undef, i64 %102, 0
  %106 = insertvalue [2 x i64] %105, i64 %104, 1
  %107 = extractvalue [2 x i64] %106, 0
  %108 = extractvalue [2 x i64] %106, 1
  store i64 %107, ptr %i, align 8
  store i64 %108, ptr %"@_8", align 8
  %109 = load i64, ptr %i, align 8
  store i64 %109, ptr %k, align 8
  br label %getindex.L6

vadd.L36:                                         ; preds = %vadd.L23
  br label %vadd.ret

steprange_last.L4:                                ; preds = %entry
  call void @gpu_report_exception_name(ptr @.str)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 41)
  call void @gpu_signal_exception()
  unreachable

steprange_last.L9:                                ; preds = %entry
  %110 = icmp eq i64 %72, %70
  br i1 %110, label %steprange_last.L11, label %steprange_last.L12

steprange_last.L11:                               ; preds = %steprange_last.L9
  br label %steprange_last.ret

steprange_last.L12:                               ; preds = %steprange_last.L9
  %111 = icmp slt i64 0, %71
  %112 = icmp slt i64 %70, %72
  %113 = icmp eq i1 %111, %112
  %114 = xor i1 %113, true
  br i1 %114, label %steprange_last.L17, label %steprange_last.L19

steprange_last.L17:                               ; preds = %steprange_last.L12
  %115 = sub i64 %70, %71
  br label %steprange_last.ret

steprange_last.L19:                               ; preds = %steprange_last.L12
  %116 = sub i64 %72, %70
  %117 = icmp eq i64 %71, 0
  br i1 %117, label %rem.L4, label %rem.L9

rem.L4:                                           ; preds = %steprange_last.L19
  call void @gpu_report_exception_name(ptr @.str.3)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.4, ptr @.str.5, i32 78)
  call void @gpu_signal_exception()
  unreachable

rem.L9:                                           ; preds = %steprange_last.L19
  %118 = icmp eq i64 %71, -1
  br i1 %118, label %rem.L13, label %rem.L15

rem.L13:                                          ; preds = %rem.L9
  br label %rem.ret

rem.L15:                                          ; preds = %rem.L9
  %119 = srem i64 %116, %71
  br label %rem.ret

rem.ret:                                          ; preds = %rem.L15, %rem.L13
  %120 = phi i64 [ 0, %rem.L13 ], [ %119, %rem.L15 ]
  %121 = sub i64 %72, %120
  br label %steprange_last.ret

steprange_last.ret:                               ; preds = %rem.ret, %steprange_last.L17, %steprange_last.L11
  %122 = phi i64 [ %72, %steprange_last.L11 ], [ %115, %steprange_last.L17 ], [ %121, %rem.ret ]
  %123 = insertvalue { i64, i64, i64 } undef, i64 %70, 0
  %124 = insertvalue { i64, i64, i64 } %123, i64 %71, 1
  %125 = insertvalue { i64, i64, i64 } %124, i64 %122, 2
  store { i64, i64, i64 } %125, ptr %"@_7", align 8
  %126 = load { i64, i64, i64 }, ptr %"@_7", align 8
  %127 = extractvalue { i64, i64, i64 } %126, 0
  %128 = extractvalue { i64, i64, i64 } %126, 1
  %129 = add i64 %127, 0
  store i64 %129, ptr %"@_8", align 8
  br label %vadd.L23

getindex.L6:                                      ; preds = %vadd.L26
  %130 = extractvalue { ptr, [1 x i64] } %3, 0
  %131 = load i64, ptr %k, align 8
  %132 = sub i64 %131, 1
  %133 = getelementptr inbounds float, ptr %130, i64 %132
  %134 = load float, ptr %133, align 4
  br label %getindex.ret

getindex.ret:                                     ; preds = %getindex.L6
  %135 = load i64, ptr %i, align 8
  store i64 %135, ptr %k3, align 8
  br label %getindex.L62

getindex.L62:                                     ; preds = %getindex.ret
  %136 = extractvalue { ptr, [1 x i64] } %7, 0
  %137 = load i64, ptr %k3, align 8
  %138 = sub i64 %137, 1
  %139 = getelementptr inbounds float, ptr %136, i64 %138
  %140 = load float, ptr %139, align 4
  br label %getindex.ret1

getindex.ret1:                                    ; preds = %getindex.L62
  %141 = fadd float %134, %140
  %142 = load i64, ptr %i, align 8
  store i64 %142, ptr %k4, align 8
  br label %"setindex!.L6"

"setindex!.L6":                                   ; preds = %getindex.ret1
  %143 = extractvalue { ptr, [1 x i64] } %11, 0
  %144 = load i64, ptr %k4, align 8
  %145 = sub i64 %144, 1
  %146 = getelementptr inbounds float, ptr %143, i64 %145
  store float %141, ptr %146, align 4
  br label %"setindex!.ret"

"setindex!.ret":                                  ; preds = %"setindex!.L6"
  br label %vadd.L23

vadd.ret:                                         ; preds = %vadd.L36
  ret void
}

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ctaid.z() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ntid.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ntid.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.ntid.z() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.tid.z() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.nctaid.x() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.nctaid.y() #0

; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
declare noundef i32 @llvm.nvvm.read.ptx.sreg.nctaid.z() #0

declare void @gpu_report_exception_name(ptr)

declare void @gpu_report_exception_frame(i32, ptr, ptr, i32)

declare void @gpu_signal_exception()

attributes #0 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }

!nvvm.annotations = !{!0}

!0 = !{ptr @vadd, !"kernel", i32 1}
