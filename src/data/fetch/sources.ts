/** Where each real data set comes from and what its download looks like. */
export interface Source {
  id: "breakhis" | "bach" | "miniddsm";
  url: string;
  archive: string;
  /** Published md5 of the archive, when there is one. */
  md5?: string;
  kaggle?: boolean;
  licence: string;
}

export const SOURCES: Record<Source["id"], Source> = {
  breakhis: {
    id: "breakhis",
    url: "http://www.inf.ufpr.br/vri/databases/BreaKHis_v1.tar.gz",
    archive: "BreaKHis_v1.tar.gz",
    licence: "CC BY 4.0",
  },
  bach: {
    id: "bach",
    url: "https://zenodo.org/records/3632035/files/ICIAR2018_BACH_Challenge.zip?download=1",
    archive: "ICIAR2018_BACH_Challenge.zip",
    md5: "8ae1801334aa943c44627c1eef3631b2",
    licence: "CC BY-NC-ND 4.0",
  },
  miniddsm: {
    id: "miniddsm",
    url: "https://www.kaggle.com/api/v1/datasets/download/cheddad/miniddsm2",
    archive: "miniddsm2.zip",
    kaggle: true,
    licence: "see the Kaggle data set page (cheddad/miniddsm2)",
  },
};

export function getSource(id: string): Source {
  const s = (SOURCES as Record<string, Source>)[id];
  if (!s) throw new Error(`unknown data set '${id}': choose one of ${Object.keys(SOURCES).join(", ")}`);
  return s;
}
