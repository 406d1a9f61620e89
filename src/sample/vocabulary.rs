//! Value pools: products, customers, defects, phrases and the other constant
//! tables the generator draws from.

pub(super) const FONT: &str = "맑은 고딕";

pub(super) struct Product {
    pub(super) name: &'static str,
    pub(super) weight: u32,
    pub(super) plant: usize,
}

/// The products of the tidy benchmark ledger (the legacy sample's part
/// numbers are in `catalogue`).
pub(super) const PRODUCTS: [Product; 12] = [
    Product { name: "도어트림 DT-100", weight: 14, plant: 0 },
    Product { name: "콘솔박스 CB-200", weight: 12, plant: 1 },
    Product { name: "글로브박스 GB-300", weight: 9, plant: 0 },
    Product { name: "크래쉬패드 CP-400", weight: 10, plant: 1 },
    Product { name: "필러트림 PT-150", weight: 8, plant: 0 },
    Product { name: "범퍼커버 BC-500", weight: 9, plant: 1 },
    Product { name: "라디에이터그릴 RG-550", weight: 6, plant: 1 },
    Product { name: "에어벤트 AV-120", weight: 7, plant: 0 },
    Product { name: "컵홀더 CH-220", weight: 6, plant: 0 },
    Product { name: "시트백커버 SB-330", weight: 5, plant: 1 },
    Product { name: "스커프플레이트 SP-160", weight: 4, plant: 0 },
    Product { name: "휠하우스커버 WC-600", weight: 4, plant: 1 },
];

/// The part whose foreign-matter problem spikes in October 2025.
pub(super) const SPIKE_PART: &str = "콘솔박스 CB-200";

pub(super) const PLANTS: [&str; 2] = ["1공장", "2공장"];

pub(super) struct Customer {
    pub(super) name: &'static str,
    pub(super) weight: u32,
    pub(super) products: &'static [usize],
}

/// Customer names, with the tidy ledger's weights and products (the legacy
/// sample draws its customers through `catalogue`).
pub(super) const CUSTOMERS: [Customer; 15] = [
    Customer { name: "(주)한성오토", weight: 16, products: &[0, 1, 3, 7] },
    Customer { name: "대원산업", weight: 12, products: &[0, 2, 4, 8] },
    Customer { name: "세진모터스", weight: 10, products: &[1, 3, 5, 6] },
    Customer { name: "동양정공(주)", weight: 9, products: &[0, 1, 9] },
    Customer { name: "케이엠테크", weight: 8, products: &[2, 7, 8, 10] },
    Customer { name: "우진오토파츠", weight: 8, products: &[5, 6, 11] },
    Customer { name: "(주)신흥기공", weight: 7, products: &[0, 4, 10] },
    Customer { name: "삼우이엔지", weight: 6, products: &[1, 3, 8] },
    Customer { name: "대경산업(주)", weight: 6, products: &[3, 5, 9, 11] },
    Customer { name: "미래모빌리티", weight: 5, products: &[0, 1, 2, 7] },
    Customer { name: "한일화성", weight: 4, products: &[6, 9, 11] },
    Customer { name: "(주)태광오토텍", weight: 3, products: &[4, 7, 10] },
    Customer { name: "정일오토", weight: 3, products: &[1, 2, 8] },
    Customer { name: "광명기연", weight: 2, products: &[5, 11] },
    Customer { name: "보성부품(주)", weight: 2, products: &[3, 4, 9] },
];

/// (name, weight, code) — a Pareto-ish skew.
pub(super) const DEFECTS: [(&str, u32, &str); 9] = [
    ("외관불량", 28, "D01"),
    ("치수불량", 17, "D02"),
    ("이물", 13, "D03"),
    ("변형", 11, "D04"),
    ("기능불량", 10, "D05"),
    ("포장불량", 8, "D06"),
    ("오배송", 5, "D07"),
    ("수량부족", 5, "D08"),
    ("기타", 3, "D09"),
];
pub(super) const D_LOOKS: usize = 0;
pub(super) const D_DIMENSION: usize = 1;
pub(super) const D_FOREIGN: usize = 2;
pub(super) const D_DEFORM: usize = 3;

pub(super) const DEFECT_NOTES: [&str; 9] = [
    "스크래치, 도장, 웰드라인 등 외관 결함",
    "규격 초과, 조립 간섭",
    "이물 혼입, 흑점",
    "휨, 수축, 뒤틀림",
    "체결, 작동, 잠금 불량",
    "박스 파손, 라벨 오류",
    "품번, 납품처 오류",
    "납품 수량 부족",
    "그 밖의 불만",
];

pub(super) const DESCRIPTIONS: [&[&str]; 9] = [
    &["표면 스크래치 발생", "도장 색상 편차, 광택 불균일", "웰드라인 과다", "흑점 및 은줄 발생", "게이트 자국 돌출"],
    &[
        "체결 홀 위치 편차(0.6mm)",
        "조립 간섭으로 장착 불가",
        "전장 규격 초과",
        "클립 좌면 높이 미달",
        "평면도 불량, 단차 발생",
    ],
    &["표면 이물(검은 점) 혼입", "내부 이물 혼입, 고객 라인 정지", "먼지 및 실밥 부착", "수지 탄화물 혼입"],
    &["휨 변형으로 조립 불가", "싱크마크(수축) 발생", "고온 방치 후 변형", "리브 뒤틀림"],
    &["클립 체결력 부족", "힌지 작동 불량", "잠금 기능 불량", "조립 시 \"딱\" 소리 후 파손", "덮개 개폐 불량"],
    &["포장 박스 파손", "완충재 누락", "라벨 오부착", "적재 불량으로 제품 눌림"],
    &["타 품번 혼입 납품", "납품처 오배송", "사양(색상) 상이품 납품"],
    &["납품 수량 부족(2EA)", "박스당 입수 부족", "거래명세서 수량과 실물 불일치"],
    &["검사성적서 누락", "납기 지연에 대한 불만", "담당자 응대 불만"],
];

pub(super) const CAUSES: [&[&str]; 9] = [
    &["금형 표면 오염", "취출 시 취급 부주의", "도장 조건 변동"],
    &["금형 마모", "사출 조건(보압) 변동", "측정 기준 불일치"],
    &["원재료 건조기 청소 미흡", "분쇄재 혼입 관리 미흡", "작업장 청정도 관리 미흡"],
    &["냉각 시간 부족", "적재 방법 부적절", "금형 온도 편차"],
    &["부품 조립 누락", "스프링 사양 변경 미반영", "설계 공차 부적절"],
    &["포장 사양 미준수", "포장재 품질 저하", "라벨 출력 오류"],
    &["출하 검수 누락", "피킹 리스트 오류", "바코드 미스캔"],
    &["계수 오류", "출하 검수 누락", "포장 작업자 실수"],
    &["행정 처리 누락", "생산 계획 변경", "고객 요구사항 전달 누락"],
];

pub(super) const ACTIONS: [&[&str]; 9] = [
    &["전수 선별 후 재납품", "금형 세척 및 한도견본 재교육", "불량품 교환, 출하검사 강화"],
    &["금형 수정 및 초품 재승인", "사출 조건 재설정, 전수 측정", "대체품 긴급 납품"],
    &["건조기 및 호퍼 청소 주기 단축", "이물 선별 후 재납품", "분쇄재 사용 중지"],
    &["냉각 시간 연장, 적재 지그 적용", "변형품 교환", "금형 온도 조건 표준화"],
    &["조립 공정 체크시트 적용", "부품 교환 및 원인 분석", "설계 변경(ECO) 요청"],
    &["포장 사양서 재교육", "포장재 공급업체 변경", "재포장 후 납품"],
    &["회수 후 정품 재납품", "출하 바코드 검수 도입", "피킹 절차 개정"],
    &["부족분 긴급 납품", "출하 전 중량 검수 도입", "계수기 점검"],
    &["성적서 재발행", "납기 관리 강화", "응대 교육 실시"],
];

pub(super) const CHANNELS: [(&str, u32); 5] = [("전화", 34), ("메일", 24), ("온라인", 18), ("방문", 16), ("ARS", 8)];

pub(super) const DEPARTMENTS: [&str; 4] = ["품질보증팀", "생산1팀", "생산2팀", "물류팀"];
pub(super) const DEPT_QA: usize = 0;
pub(super) const DEPT_LOGISTICS: usize = 3;

pub(super) const OWNERS: [&[&str]; 4] =
    [&["김민수", "이지현", "박성훈"], &["최영호", "정은비", "오태식"], &["한상철", "윤서연"], &["조현우", "임수진"]];

pub(super) const SEVERITIES: [(&str, u32); 3] = [("상", 12), ("중", 55), ("하", 33)];

/// Unparseable received-date texts; `{Y}` is replaced by the sheet's year.
pub(super) const BAD_DATES: [&str; 4] = ["미상", "확인중", "{Y}.13.45", "{Y}.02.30"];

pub(super) const NOTE_MASTER: &str = "※ 처리기간: 접수일로부터 10일 이내 (고객불만처리절차서 QP-14)";
pub(super) const NOTE_OCTOBER: &str = "※ 9월 접수 누락분 및 미결 이월건 포함";
