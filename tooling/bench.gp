# gnuplot script of make bench: results/bench-ratios.dat -> results/bench.png
# Per shape, the per-task cost ratios of the selection in guest
# instructions, with the noise bands of the whole-selection ratios (the
# ratios of the interquartile ranges' ends over every boot) and the targets.
set terminal pngcairo size 1100,480 font ",10"
set output "results/bench.png"
set title "OOM selection cost per task: ratios of medians (guest instructions, QEMU -icount)"
set grid ytics
set key top left
set ylabel "ratio"
set yrange [0.6:*]
set xrange [-0.5:*]
set xtics rotate by -30
set style fill transparent solid 0.25 noborder
plot "results/bench-ratios.dat" using 1:4:5:xtic(2) with filledcurves lc rgb "#1f77b4" notitle, \
     "" using 1:3 with linespoints lw 2 pt 7 lc rgb "#1f77b4" title "policy 1 / policy 0, per task", \
     "" using 1:7:8 with filledcurves lc rgb "#ff7f0e" notitle, \
     "" using 1:6 with linespoints lw 2 pt 5 lc rgb "#ff7f0e" title "policy 0 / vanilla, per task", \
     1.1 with lines dt 2 lw 2 lc rgb "#d62728" title "target 1.1", \
     1.05 with lines dt 3 lw 1 lc rgb "#2ca02c" title "target 1.05"
