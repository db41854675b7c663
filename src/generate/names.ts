/**
 * Reference lists the generator draws from: French cities and regions, a grocery
 * catalogue, suppliers, car models, hotels and people's names. Plain data, no logic.
 */

/** A store site: city, region and the VAT rate charged there (overseas departments: 8.5 %). */
export interface Site {
  city: string;
  region: string;
  taxRate: number;
}

/** Store sites in the order stores are numbered; the second one is overseas so even a small sample has two tax rates. */
export const storeSites: readonly Site[] = [
  { city: 'Paris', region: 'Île-de-France', taxRate: 0.2 },
  { city: 'Saint-Denis (La Réunion)', region: 'La Réunion', taxRate: 0.085 },
  { city: 'Lyon', region: 'Auvergne-Rhône-Alpes', taxRate: 0.2 },
  { city: 'Marseille', region: "Provence-Alpes-Côte d'Azur", taxRate: 0.2 },
  { city: 'Toulouse', region: 'Occitanie', taxRate: 0.2 },
  { city: 'Bordeaux', region: 'Nouvelle-Aquitaine', taxRate: 0.2 },
  { city: 'Lille', region: 'Hauts-de-France', taxRate: 0.2 },
  { city: 'Nantes', region: 'Pays de la Loire', taxRate: 0.2 },
  { city: 'Strasbourg', region: 'Grand Est', taxRate: 0.2 },
  { city: 'Rennes', region: 'Bretagne', taxRate: 0.2 },
  { city: 'Versailles', region: 'Île-de-France', taxRate: 0.2 },
  { city: 'Grenoble', region: 'Auvergne-Rhône-Alpes', taxRate: 0.2 },
  { city: 'Nice', region: "Provence-Alpes-Côte d'Azur", taxRate: 0.2 },
  { city: 'Montpellier', region: 'Occitanie', taxRate: 0.2 },
  { city: 'Rouen', region: 'Normandie', taxRate: 0.2 },
  { city: 'Dijon', region: 'Bourgogne-Franche-Comté', taxRate: 0.2 },
  { city: 'Tours', region: 'Centre-Val de Loire', taxRate: 0.2 },
  { city: 'Fort-de-France', region: 'Martinique', taxRate: 0.085 },
  { city: 'Boulogne-Billancourt', region: 'Île-de-France', taxRate: 0.2 },
  { city: 'Caen', region: 'Normandie', taxRate: 0.2 },
];

/** Metropolitan cities and their regions, for customers, dealers, hotels and extras. */
export const cities: ReadonlyArray<readonly [city: string, region: string]> = [
  ['Paris', 'Île-de-France'],
  ['Lyon', 'Auvergne-Rhône-Alpes'],
  ['Marseille', "Provence-Alpes-Côte d'Azur"],
  ['Toulouse', 'Occitanie'],
  ['Nice', "Provence-Alpes-Côte d'Azur"],
  ['Nantes', 'Pays de la Loire'],
  ['Strasbourg', 'Grand Est'],
  ['Montpellier', 'Occitanie'],
  ['Bordeaux', 'Nouvelle-Aquitaine'],
  ['Lille', 'Hauts-de-France'],
  ['Rennes', 'Bretagne'],
  ['Reims', 'Grand Est'],
  ['Annecy', 'Auvergne-Rhône-Alpes'],
  ['Biarritz', 'Nouvelle-Aquitaine'],
  ['Deauville', 'Normandie'],
  ['Cannes', "Provence-Alpes-Côte d'Azur"],
  ['Dijon', 'Bourgogne-Franche-Comté'],
  ['Tours', 'Centre-Val de Loire'],
];

/** How a product's demand moves over the year. */
export type Seasonality = 'flat' | 'summer' | 'winter' | 'christmas';

/** A catalogue line: name, category, list price (tax excluded), perishable, seasonality, units per pack. */
export interface CatalogueItem {
  name: string;
  category: string;
  price: number;
  perishable: boolean;
  season: Seasonality;
  pack: number;
}

const item = (name: string, category: string, price: number, perishable: boolean, season: Seasonality = 'flat', pack = 12): CatalogueItem => ({
  name,
  category,
  price,
  perishable,
  season,
  pack,
});

/** The grocery catalogue products are drawn from, cycled with variants when more are needed. */
export const catalogue: readonly CatalogueItem[] = [
  item('Pommes Gala 1 kg', 'produce', 2.49, true, 'winter', 10),
  item('Tomates grappe 500 g', 'produce', 2.19, true, 'summer', 10),
  item('Bananes 1 kg', 'produce', 1.89, true, 'flat', 10),
  item('Fraises 250 g', 'produce', 3.29, true, 'summer', 8),
  item('Clémentines 1 kg', 'produce', 2.79, true, 'winter', 10),
  item('Salade batavia', 'produce', 0.99, true, 'summer', 12),
  item('Carottes 1 kg', 'produce', 1.29, true, 'flat', 10),
  item('Yaourt nature x8', 'fresh', 1.79, true, 'flat', 12),
  item('Camembert de Normandie', 'fresh', 2.89, true, 'winter', 12),
  item('Comté 18 mois 250 g', 'fresh', 4.95, true, 'christmas', 10),
  item('Jambon blanc x4', 'fresh', 3.15, true, 'flat', 12),
  item('Beurre doux 250 g', 'fresh', 2.39, true, 'flat', 20),
  item('Lait demi-écrémé 1 L', 'fresh', 0.99, true, 'flat', 6),
  item('Œufs plein air x12', 'fresh', 3.49, true, 'flat', 12),
  item('Saumon fumé 4 tranches', 'fresh', 5.9, true, 'christmas', 10),
  item('Baguette tradition', 'bakery', 1.1, true, 'flat', 20),
  item('Croissant pur beurre', 'bakery', 0.95, true, 'flat', 24),
  item('Pain de campagne', 'bakery', 2.6, true, 'flat', 10),
  item('Galette des rois', 'bakery', 12.5, true, 'winter', 4),
  item('Pâtes penne 500 g', 'grocery', 1.15, false, 'flat', 24),
  item('Riz basmati 1 kg', 'grocery', 2.45, false, 'flat', 12),
  item('Café moulu 250 g', 'grocery', 3.6, false, 'flat', 12),
  item('Chocolat noir 70 % 100 g', 'grocery', 1.85, false, 'christmas', 20),
  item("Huile d'olive 75 cl", 'grocery', 7.4, false, 'flat', 6),
  item('Confiture abricot 370 g', 'grocery', 2.75, false, 'flat', 12),
  item('Biscuits petit beurre', 'grocery', 1.49, false, 'flat', 24),
  item('Foie gras 180 g', 'grocery', 18.9, false, 'christmas', 6),
  item('Eau minérale 6 x 1,5 L', 'beverages', 2.95, false, 'summer', 4),
  item("Jus d'orange 1 L", 'beverages', 2.2, false, 'flat', 6),
  item('Bière blonde 6 x 25 cl', 'beverages', 4.9, false, 'summer', 4),
  item('Rosé de Provence 75 cl', 'beverages', 7.5, false, 'summer', 6),
  item('Champagne brut 75 cl', 'beverages', 24.9, false, 'christmas', 6),
  item('Cidre brut 75 cl', 'beverages', 3.2, false, 'winter', 6),
  item('Lessive liquide 2 L', 'household', 8.9, false, 'flat', 4),
  item('Éponges x3', 'household', 1.6, false, 'flat', 24),
  item('Essuie-tout x4', 'household', 3.4, false, 'flat', 8),
  item('Liquide vaisselle 500 ml', 'household', 1.95, false, 'flat', 12),
  item('Shampooing 250 ml', 'hygiene', 3.1, false, 'flat', 12),
  item('Dentifrice 75 ml', 'hygiene', 2.25, false, 'flat', 12),
  item('Crème solaire SPF 50', 'hygiene', 11.9, false, 'summer', 6),
  item('Gel douche 250 ml', 'hygiene', 2.6, false, 'flat', 12),
];

/** Slow, lumpy sellers: sold a few times a month, sometimes by the dozen. */
export const intermittentCatalogue: readonly CatalogueItem[] = [
  item('Appareil à raclette', 'household', 39.9, false, 'winter', 1),
  item('Plancha électrique', 'household', 69, false, 'summer', 1),
  item('Coffret vins fins', 'beverages', 45, false, 'christmas', 1),
  item('Cocotte fonte 24 cm', 'household', 59, false, 'flat', 1),
  item('Machine à pain', 'household', 89, false, 'winter', 1),
  item('Parasol 2 m', 'household', 34.9, false, 'summer', 1),
  item('Fontaine à eau', 'household', 29.9, false, 'flat', 1),
  item('Panier garni', 'grocery', 49, false, 'christmas', 1),
];

/** Name variants used when the catalogue is cycled: each adds to the price. */
export const variants: ReadonlyArray<readonly [suffix: string, priceFactor: number]> = [
  ['', 1],
  [' bio', 1.35],
  [' format familial', 1.8],
  [' premium', 1.55],
  [' marque distributeur', 0.8],
  [' lot de 2', 1.9],
];

/** Suppliers per category (accents on purpose: the supplies file is a Windows-1252 export). */
export const suppliers: Readonly<Record<string, readonly string[]>> = {
  produce: ['Maraîchers Réunis du Val de Loire', 'Vergers de Provence'],
  fresh: ['Fromagerie Lefèvre & Fils', 'Laiterie Coopérative de Bretagne', 'Salaisons Gérard'],
  bakery: ['Boulangerie Côté Fournil', 'Moulins Grégoire'],
  grocery: ['Épicerie Générale du Sud', 'Comptoir Français des Épices', 'Conserverie Béranger'],
  beverages: ['Brasserie Bénédicte', 'Domaine Château-Lévêque', 'Sources Mérinville'],
  household: ['Ménagère Française SA', 'Droguerie Aubépine'],
  hygiene: ['Laboratoires Hélène', 'Savonnerie Marseillaise Émile'],
};

/** A vehicle model in a dealer's catalogue. */
export interface VehicleModel {
  brand: string;
  model: string;
  segment: 'city' | 'compact' | 'suv' | 'ev' | 'van' | 'premium';
  listPrice: number;
}

const car = (brand: string, model: string, segment: VehicleModel['segment'], listPrice: number): VehicleModel => ({ brand, model, segment, listPrice });

/** Car models sold by the dealers (list prices in euros, tax excluded, 2023). */
export const vehicleModels: readonly VehicleModel[] = [
  car('Renault', 'Clio', 'city', 16500),
  car('Peugeot', '208', 'city', 17100),
  car('Dacia', 'Sandero', 'city', 11650),
  car('Renault', 'Captur', 'suv', 21600),
  car('Peugeot', '2008', 'suv', 22900),
  car('Citroën', 'C3', 'city', 14990),
  car('Toyota', 'Yaris', 'city', 17900),
  car('Tesla', 'Model Y', 'ev', 37490),
  car('Dacia', 'Duster', 'suv', 16650),
  car('Peugeot', '308', 'compact', 25000),
  car('Volkswagen', 'Golf', 'compact', 25800),
  car('Renault', 'Mégane E-Tech', 'ev', 31600),
  car('Citroën', 'C5 Aircross', 'suv', 27500),
  car('Toyota', 'Yaris Cross', 'suv', 22100),
  car('Peugeot', '3008', 'suv', 30000),
  car('Dacia', 'Spring', 'ev', 14100),
  car('Renault', 'Trafic', 'van', 29200),
  car('Peugeot', 'Partner', 'van', 21700),
  car('Volkswagen', 'ID.3', 'ev', 33300),
  car('Tesla', 'Model 3', 'ev', 35800),
  car('BMW', 'Série 3', 'premium', 38300),
  car('Mercedes-Benz', 'Classe A', 'premium', 31700),
  car('Renault', 'Austral', 'suv', 28700),
  car('Citroën', 'Berlingo', 'van', 20800),
];

/** Trim names used when more models are asked for than the list holds. */
export const trims: readonly string[] = ['', ' Hybride', ' GT Line', ' Business'];

/** Hotel name stems for the staffing clients. */
export const hotelNames: readonly string[] = [
  'Hôtel des Arts', 'Grand Hôtel du Lac', 'Hôtel Belle Époque', 'Le Relais Saint-Germain', 'Hôtel de la Plage',
  'Hôtel du Parc', 'Le Clos Fleuri', 'Hôtel Mercure Centre', 'Hôtel Le Méridional', 'Résidence Bellevue',
  'Hôtel de la Gare', 'Le Petit Château', 'Hôtel des Voyageurs', 'Hôtel Splendid', 'Hôtel Beau Rivage',
];

/** French first names. */
export const firstNames: readonly string[] = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Emma', 'Jade', 'Louise', 'Zoé', 'Anaïs', 'Hélène', 'Maëlle',
  'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Arthur', 'Jules', 'Nathan', 'Théo', 'Raphaël', 'Mathéo', 'Noé', 'Rémi',
];

/** French family names. */
export const lastNames: readonly string[] = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon',
  'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard',
  'André', 'Lefebvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martínez',
];
