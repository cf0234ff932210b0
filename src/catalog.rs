//! The built-in chip catalog (docs/scenario-format.md: Built-in chip catalog): figures from public datasheets and system specs, each
//! with its source, and every estimate marked as one.
//!
//! `it_kw` is the all-in IT power per chip (server, CPUs, network share), taken from whole-system
//! figures (DGX-1, DGX H100, DGX B200, NVL72 racks) divided by the GPUs in the system. Where no
//! system figure exists it is left out and the simulator uses `tdp_w / 1000 * server_overhead`.

use crate::units::{Cooling, Precision, Tflops};

/// A built-in chip.
#[derive(Debug, Clone, Copy)]
pub struct CatalogChip {
    /// Name used in scenarios.
    pub name: &'static str,
    /// Longer description (form factor, memory).
    pub description: &'static str,
    /// Board power, W; `None` where no figure was found.
    pub tdp_w: Option<f64>,
    /// All-in IT kW per chip from a system figure; `None` to derive it from `tdp_w`.
    pub it_kw: Option<f64>,
    /// Price per chip in US dollars, where a public figure exists.
    pub price_usd: Option<f64>,
    /// Cooling the chip needs.
    pub cooling: Cooling,
    /// Dense peak figures, `(precision, TFLOPS)`; TOPS for int8.
    pub tflops: &'static [(Precision, f64)],
    /// Where the figures come from.
    pub source: &'static str,
    /// Which figures are estimates or assumptions, and why; empty when all are sourced.
    pub estimates: &'static str,
}

impl CatalogChip {
    /// The TFLOPS table.
    pub fn tflops_table(&self) -> Tflops {
        Tflops::from_pairs(self.tflops)
    }
}

use Precision::{Bf16, Fp4, Fp8, Fp16, Fp32, Fp64, Int8, Tf32};

/// H100-class GPUs (H100, H200, GH200): fp64 is the tensor-core figure (vector: 33.5).
const HOPPER: &[(Precision, f64)] = &[
    (Fp64, 67.0),
    (Fp32, 67.0),
    (Tf32, 495.0),
    (Bf16, 989.0),
    (Fp16, 989.0),
    (Fp8, 1979.0),
];

/// Every built-in chip, oldest first.
pub const CATALOG: &[CatalogChip] = &[
    CatalogChip {
        name: "V100",
        description: "NVIDIA V100 SXM2 32 GB (HBM2)",
        tdp_w: Some(300.0),
        // DGX-1: about 3.5 kW for 8 GPUs.
        it_kw: Some(3.5 / 8.0),
        cooling: Cooling::Air,
        price_usd: None,
        // V100 has no bf16; its 125 TFLOPS tensor figure is fp16.
        tflops: &[(Fp64, 7.8), (Fp32, 15.7), (Fp16, 125.0)],
        source: "NVIDIA V100 datasheet (SXM2 boost clocks; 7.5/15/120 at the 2017 launch clocks); DGX-1 system power",
        estimates: "it_kw: DGX-1 about 3.5 kW / 8 GPUs (EST, widely quoted)",
    },
    CatalogChip {
        name: "T4",
        description: "NVIDIA T4 16 GB GDDR6 (PCIe, 70 W)",
        tdp_w: Some(70.0),
        it_kw: None,
        cooling: Cooling::Air,
        price_usd: None,
        tflops: &[(Fp32, 8.1), (Fp16, 65.0), (Int8, 130.0)],
        source: "NVIDIA T4 datasheet (70 W; fp16 65 TFLOPS mixed precision; int8 130 TOPS)",
        estimates: "fp32 8.1 recalled from the same datasheet, not checked against it here; it_kw: no system figure, derived as tdp_w x server_overhead",
    },
    CatalogChip {
        name: "A100",
        description: "NVIDIA A100 SXM 80 GB",
        tdp_w: Some(400.0),
        it_kw: None,
        cooling: Cooling::Air,
        price_usd: None,
        // fp64 is the tensor-core figure (vector: 9.7).
        tflops: &[
            (Fp64, 19.5),
            (Fp32, 19.5),
            (Tf32, 156.0),
            (Bf16, 312.0),
            (Fp16, 312.0),
        ],
        source: "NVIDIA A100 datasheet",
        estimates: "it_kw: no system figure; derived as tdp_w x server_overhead (Epoch AI method)",
    },
    CatalogChip {
        name: "H100",
        description: "NVIDIA H100 SXM 80 GB HBM3",
        tdp_w: Some(700.0),
        // DGX H100: 10.2 kW for 8 GPUs.
        it_kw: Some(10.2 / 8.0),
        cooling: Cooling::Air,
        price_usd: None,
        tflops: HOPPER,
        source: "NVIDIA H100 datasheet; DGX H100 10.2 kW / 8",
        estimates: "",
    },
    CatalogChip {
        name: "GH200",
        description: "NVIDIA GH200 Grace Hopper superchip (H100-class GPU, 96-144 GB HBM)",
        // The module's power covers the Grace CPU and memory too.
        tdp_w: Some(1000.0),
        it_kw: Some(1.2),
        cooling: Cooling::Liquid,
        price_usd: None,
        tflops: HOPPER,
        source: "NVIDIA GH200 datasheet (fp64 67 tensor, bf16 989, fp8 1,979 dense; module up to 1,000 W with CPU and memory)",
        estimates: "fp32, tf32, fp16 as H100 (its GPU is H100-class); it_kw 1.2 EST: the 1,000 W module already holds the CPU and memory the server overhead stands for elsewhere, plus 20% for network and storage; cooling is liquid or air by system (liquid assumed, as in large HPC systems)",
    },
    CatalogChip {
        name: "H200",
        description: "NVIDIA H200 SXM 141 GB",
        tdp_w: Some(700.0),
        it_kw: Some(10.2 / 8.0),
        cooling: Cooling::Air,
        price_usd: None,
        tflops: HOPPER,
        source: "NVIDIA H200 datasheet (compute as H100)",
        estimates: "it_kw: assumed equal to DGX H100 (10.2 kW / 8)",
    },
    CatalogChip {
        name: "B200",
        description: "NVIDIA B200 180 GB (HGX/DGX, air-cooled)",
        tdp_w: Some(1000.0),
        // DGX B200: 14.3 kW max for 8 GPUs = 1.79 kW.
        it_kw: Some(14.3 / 8.0),
        cooling: Cooling::Air,
        // $30,000–40,000 per GPU (NVIDIA CEO on CNBC, 2024-10): the middle of the range.
        price_usd: Some(35_000.0),
        tflops: &[
            (Fp64, 40.0),
            (Fp32, 80.0),
            (Tf32, 1100.0),
            (Bf16, 2250.0),
            (Fp16, 2250.0),
            (Fp8, 4500.0),
            (Fp4, 9000.0),
        ],
        source: "NVIDIA DGX B200 user guide (14.3 kW / 8); glennklockwood.com processor notes",
        estimates: "",
    },
    CatalogChip {
        name: "GB200",
        description: "NVIDIA GB200 (per GPU, NVL72 rack) 186 GB",
        tdp_w: Some(1200.0),
        // NVL72: 120-132 kW / 72 GPUs = 1.67-1.83 kW; midpoint 126 kW.
        it_kw: Some(126.0 / 72.0),
        cooling: Cooling::Liquid,
        price_usd: None,
        tflops: &[
            (Fp64, 45.0),
            (Fp32, 90.0),
            (Tf32, 1250.0),
            (Bf16, 2500.0),
            (Fp16, 2500.0),
            (Fp8, 5000.0),
            (Fp4, 10000.0),
        ],
        source: "NVIDIA GB200 NVL72 spec",
        estimates: "it_kw: midpoint of 120-132 kW per NVL72 rack / 72 (EST)",
    },
    CatalogChip {
        name: "B300",
        description: "NVIDIA B300 (Blackwell Ultra) 270 GB",
        // Sources give 1100-1400 W; midpoint.
        tdp_w: Some(1250.0),
        it_kw: None,
        cooling: Cooling::Liquid,
        price_usd: None,
        tflops: &[
            (Fp64, 1.25),
            (Fp32, 75.0),
            (Tf32, 1125.0),
            (Bf16, 2250.0),
            (Fp16, 2250.0),
            (Fp8, 4500.0),
            (Fp4, 13500.0),
        ],
        source: "press and vendor reports; sources disagree",
        estimates: "all figures EST; tdp_w midpoint of 1100-1400 W; it_kw derived as tdp_w x server_overhead",
    },
    CatalogChip {
        name: "GB300",
        description: "NVIDIA GB300 (per GPU, NVL72 rack) 279 GB",
        tdp_w: Some(1400.0),
        // NVL72: about 120-135 kW / 72 GPUs; midpoint 127.5 kW.
        it_kw: Some(127.5 / 72.0),
        cooling: Cooling::Liquid,
        price_usd: None,
        tflops: &[
            (Fp64, 1.25),
            (Fp32, 80.0),
            (Tf32, 1250.0),
            (Bf16, 2500.0),
            (Fp16, 2500.0),
            (Fp8, 5000.0),
            (Fp4, 15000.0),
        ],
        source: "NVIDIA GB300 NVL72 spec",
        estimates: "fp64 approximate (~1.25); it_kw midpoint of about 120-135 kW per rack / 72 (EST)",
    },
    CatalogChip {
        name: "RNGD",
        description: "FuriosaAI RNGD 48 GB HBM3",
        tdp_w: Some(180.0),
        // 8-card server: 3 kW.
        it_kw: Some(3.0 / 8.0),
        cooling: Cooling::Air,
        price_usd: None,
        tflops: &[(Bf16, 256.0), (Fp16, 256.0), (Fp8, 512.0)],
        source: "furiosa.ai (8-card server: 4 PF FP8 at 3 kW)",
        estimates: "",
    },
    CatalogChip {
        name: "Warboy",
        description: "FuriosaAI Warboy",
        tdp_w: None,
        it_kw: None,
        cooling: Cooling::Air,
        price_usd: None,
        tflops: &[(Int8, 64.0)],
        source: "furiosa-ai docs",
        estimates: "power NOT FOUND: a scenario using it must give tdp_w or it_kw",
    },
    CatalogChip {
        name: "ATOM",
        description: "Rebellions ATOM 16 GB GDDR6",
        tdp_w: None,
        it_kw: None,
        cooling: Cooling::Air,
        price_usd: None,
        tflops: &[(Fp16, 32.0), (Int8, 128.0)],
        source: "Rebellions",
        estimates: "power NOT FOUND: a scenario using it must give tdp_w or it_kw",
    },
    CatalogChip {
        name: "REBEL-Quad",
        description: "Rebellions REBEL-Quad 144 GB HBM3E",
        tdp_w: None,
        it_kw: None,
        cooling: Cooling::Air,
        price_usd: None,
        tflops: &[(Fp8, 2000.0)],
        source: "ISSCC 2026 reports",
        estimates: "fp8 approximate (~2000); cooling not reported (air assumed); power NOT FOUND",
    },
];

/// The built-in chip called `name`, if any.
pub fn find(name: &str) -> Option<&'static CatalogChip> {
    CATALOG.iter().find(|chip| chip.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_figures_positive() {
        for (i, chip) in CATALOG.iter().enumerate() {
            assert!(
                CATALOG[..i].iter().all(|other| other.name != chip.name),
                "{}",
                chip.name
            );
            assert!(chip.tdp_w.is_none_or(|w| w > 0.0));
            assert!(chip.it_kw.is_none_or(|kw| kw > 0.0));
            assert!(chip.tflops.iter().all(|&(_, v)| v > 0.0));
            assert!(!chip.source.is_empty());
        }
    }

    #[test]
    fn blackwell_it_power_follows_system_figures() {
        approx::assert_relative_eq!(find("B200").unwrap().it_kw.unwrap(), 1.7875);
        let gb200 = find("GB200").unwrap().it_kw.unwrap();
        assert!((1.67..=1.84).contains(&gb200), "{gb200}");
        approx::assert_relative_eq!(find("V100").unwrap().it_kw.unwrap(), 0.4375);
    }
}
