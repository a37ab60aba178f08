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
  %58 = extractvalue [1 x i64] %57, 0
  %59 = load i32, ptr %index, align 4
  %60 = load i32, ptr %stride, align 4
  %61 = sext i32 %59 to i64
  %62 = sext i32 %60 to i64
  %63 = insertvalue [3 x i64] undef, i64 %61, 0
  %64 = insertvalue [3 x i64] %63, i64 %62, 1
  %65 = insertvalue [3 x i64] %64, i64 %58, 2
  %66 = extractvalue [3 x i64] %65, 0
  store i64 %66, ptr %x, align 8
  %67 = extractvalue [3 x i64] %65, 1
  store i64 %67, ptr %y, align 8
  %68 = extractvalue [3 x i64] %65, 2
  store i64 %68, ptr %z, align 8
  %69 = load i64, ptr %x, align 8
  %70 = load i64, ptr %y, align 8
  %71 = load i64, ptr %z, align 8
  %72 = icmp eq i64 %70, 0
  br i1 %72, label %steprange_last.L4, label %steprange_last.L9

vadd.L23:                                         ; preds = %"setindex!.ret", %steprange_last.ret
  %73 = load { i64, i64, i64 }, ptr %"@_7", align 8
  %74 = load i64, ptr %"@_8", align 8
  %75 = extractvalue { i64, i64, i64 } %73, 0
  %76 = extractvalue { i64, i64, i64 } %73, 2
  %77 = icmp eq i64 %75, %76
  %78 = xor i1 %77, true
  %79 = extractvalue { i64, i64, i64 } %73, 1
  %80 = icmp slt i64 0, %79
  %81 = extractvalue { i64, i64, i64 } %73, 2
  %82 = extractvalue { i64, i64, i64 } %73, 0
  %83 = icmp slt i64 %82, %81
  %84 = icmp eq i1 %80, %83
  %85 = xor i1 %84, true
  %86 = and i1 %78, %85
  %87 = extractvalue { i64, i64, i64 } %73, 1
  %88 = icmp slt i64 0, %87
  %89 = extractvalue { i64, i64, i64 } %73, 2
  %90 = icmp slt i64 %89, %74
  %91 = and i1 %88, %90
  %92 = or i1 %86, %91
  %93 = extractvalue { i64, i64, i64 } %73, 1
  %94 = icmp slt i64 %93, 0
  %95 = extractvalue { i64, i64, i64 } %73, 2
  %96 = icmp slt i64 %74, %95
  %97 = and i1 %94, %96
  %98 = or i1 %92, %97
  %99 = xor i1 %98, true
  br i1 %99, label %vadd.L26, label %vadd.L36

vadd.L26:                                         ; preds = %vadd.L23
  %100 = load { i64, i64, i64 }, ptr %"@_7", align 8
  %101 = load i64, ptr %"@_8", align 8
  %102 = extractvalue { i64, i64, i64 } %100, 1
  %103 = add i64 %101, %102
  %104 = insertvalue [2 x i64] undef, i64 %101, 0
  %105 = insertvalue [2 x i64] %104, i64 %103, 1
  %106 = extractvalue [2 x i64] %105, 0
  %107 = extractvalue [2 x i64] %105, 1
  store i64 %106, ptr %i, align 8
  store i64 %107, ptr %"@_8", align 8
  %108 = load i64, ptr %i, align 8
  store i64 %108, ptr %k, align 8
  br label %getindex.L6

vadd.L36:                                         ; preds = %vadd.L23
  br label %vadd.ret

steprange_last.L4:                                ; preds = %entry
  call void @gpu_report_exception_name(ptr @.str)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.1, ptr @.str.2, i32 41)
  call void @gpu_signal_exception()
  unreachable

steprange_last.L9:                                ; preds = %entry
  %109 = icmp eq i64 %71, %69
  br i1 %109, label %steprange_last.L11, label %steprange_last.L12

steprange_last.L11:                               ; preds = %steprange_last.L9
  br label %steprange_last.ret

steprange_last.L12:                               ; preds = %steprange_last.L9
  %110 = icmp slt i64 0, %70
  %111 = icmp slt i64 %69, %71
  %112 = icmp eq i1 %110, %111
  %113 = xor i1 %112, true
  br i1 %113, label %steprange_last.L17, label %steprange_last.L19

steprange_last.L17:                               ; preds = %steprange_last.L12
  %114 = sub i64 %69, %70
  br label %steprange_last.ret

steprange_last.L19:                               ; preds = %steprange_last.L12
  %115 = sub i64 %71, %69
  %116 = icmp eq i64 %70, 0
  br i1 %116, label %rem.L4, label %rem.L9

rem.L4:                                           ; preds = %steprange_last.L19
  call void @gpu_report_exception_name(ptr @.str.3)
  call void @gpu_report_exception_frame(i32 1, ptr @.str.4, ptr @.str.5, i32 78)
  call void @gpu_signal_exception()
  unreachable

rem.L9:                                           ; preds = %steprange_last.L19
  %117 = icmp eq i64 %70, -1
  br i1 %117, label %rem.L13, label %rem.L15

rem.L13:                                          ; preds = %rem.L9
  br label %rem.ret

rem.L15:                                          ; preds = %rem.L9
  %118 = srem i64 %115, %70
  br label %rem.ret

rem.ret:                                          ; preds = %rem.L15, %rem.L13
  %119 = phi i64 [ 0, %rem.L13 ], [ %118, %rem.L15 ]
  %120 = sub i64 %71, %119
  br label %steprange_last.ret

steprange_last.ret:                               ; preds = %rem.ret, %steprange_last.L17, %steprange_last.L11
  %121 = phi i64 [ %71, %steprange_last.L11 ], [ %114, %steprange_last.L17 ], [ %120, %rem.ret ]
  %122 = insertvalue { i64, i64, i64 } undef, i64 %69, 0
  %123 = insertvalue { i64, i64, i64 } %122, i64 %70, 1
  %124 = insertvalue { i64, i64, i64 } %123, i64 %121, 2
  store { i64, i64, i64 } %124, ptr %"@_7", align 8
  %125 = load { i64, i64, i64 }, ptr %"@_7", align 8
  %126 = extractvalue { i64, i64, i64 } %125, 0
  %127 = extractvalue { i64, i64, i64 } %125, 1
  %128 = add i64 %126, 0
  store i64 %128, ptr %"@_8", align 8
  br label %vadd.L23

getindex.L6:                                      ; preds = %vadd.L26
  %129 = extractvalue { ptr, [1 x i64] } %3, 0
  %130 = load i64, ptr %k, align 8
  %131 = sub i64 %130, 1
  %132 = getelementptr inbounds float, ptr %129, i64 %131
  %133 = load float, ptr %132, align 4
  br label %getindex.ret

getindex.ret:                                     ; preds = %getindex.L6
  %134 = load i64, ptr %i, align 8
  store i64 %134, ptr %k3, align 8
  br label %getindex.L62

getindex.L62:                                     ; preds = %getindex.ret
  %135 = extractvalue { ptr, [1 x i64] } %7, 0
  %136 = load i64, ptr %k3, align 8
  %137 = sub i64 %136, 1
  %138 = getelementptr inbounds float, ptr %135, i64 %137
  %139 = load float, ptr %138, align 4
  br label %getindex.ret1

getindex.ret1:                                    ; preds = %getindex.L62
  %140 = fadd float %133, %139
  %141 = load i64, ptr %i, align 8
  store i64 %141, ptr %k4, align 8
  br label %"setindex!.L6"

"setindex!.L6":                                   ; preds = %getindex.ret1
  %142 = extractvalue { ptr, [1 x i64] } %11, 0
  %143 = load i64, ptr %k4, align 8
  %144 = sub i64 %143, 1
  %145 = getelementptr inbounds float, ptr %142, i64 %144
  store float %140, ptr %145, align 4
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
