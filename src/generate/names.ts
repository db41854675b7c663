/**
 * Reference lists the generator draws from: French cities and regions, a gourmet food
 * hall's catalogue, suppliers, car models, hotels and people's names. Plain data, no logic.
 */

/** A store site: city, region and the VAT rate charged there (overseas departments: 8.5 %). */
export interface Site {
  city: string;
  region: string;
  taxRate: number;
}

/**
 * Store sites in the order stores are numbered. The second one is overseas, so even a small
 * sample has two tax rates; the first eight (the committed sample) fall in four regions with
 * one to three stores each, so a region has stores to drill into.
 */
export const storeSites: readonly Site[] = [
  { city: 'Paris', region: 'Île-de-France', taxRate: 0.2 },
  { city: 'Saint-Denis (La Réunion)', region: 'La Réunion', taxRate: 0.085 },
  { city: 'Lyon', region: 'Auvergne-Rhône-Alpes', taxRate: 0.2 },
  { city: 'Marseille', region: "Provence-Alpes-Côte d'Azur", taxRate: 0.2 },
  { city: 'Versailles', region: 'Île-de-France', taxRate: 0.2 },
  { city: 'Grenoble', region: 'Auvergne-Rhône-Alpes', taxRate: 0.2 },
  { city: 'Nice', region: "Provence-Alpes-Côte d'Azur", taxRate: 0.2 },
  { city: 'Boulogne-Billancourt', region: 'Île-de-France', taxRate: 0.2 },
  { city: 'Toulouse', region: 'Occitanie', taxRate: 0.2 },
  { city: 'Bordeaux', region: 'Nouvelle-Aquitaine', taxRate: 0.2 },
  { city: 'Lille', region: 'Hauts-de-France', taxRate: 0.2 },
  { city: 'Nantes', region: 'Pays de la Loire', taxRate: 0.2 },
  { city: 'Strasbourg', region: 'Grand Est', taxRate: 0.2 },
  { city: 'Rennes', region: 'Bretagne', taxRate: 0.2 },
  { city: 'Montpellier', region: 'Occitanie', taxRate: 0.2 },
  { city: 'Rouen', region: 'Normandie', taxRate: 0.2 },
  { city: 'Dijon', region: 'Bourgogne-Franche-Comté', taxRate: 0.2 },
  { city: 'Tours', region: 'Centre-Val de Loire', taxRate: 0.2 },
  { city: 'Fort-de-France', region: 'Martinique', taxRate: 0.085 },
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

/**
 * The catalogue of the chain, a French gourmet food hall (wine merchant, cheese and deli
 * counters, fine groceries), cycled with variants when more products are needed. Five
 * categories; cheese and deli are perishable. Prices are tax excluded, per unit (a bottle,
 * a piece); wine sells by several bottles a line.
 */
export const catalogue: readonly CatalogueItem[] = [
  item('Bordeaux supérieur rouge 75 cl', 'wine', 9.9, false, 'flat', 6),
  item('Côtes-du-Rhône villages 75 cl', 'wine', 11.5, false, 'flat', 6),
  item('Rosé de Provence 75 cl', 'wine', 12.9, false, 'summer', 6),
  item('Chablis 75 cl', 'wine', 18.9, false, 'flat', 6),
  item('Sancerre blanc 75 cl', 'wine', 21.5, false, 'summer', 6),
  item('Saint-Émilion grand cru 75 cl', 'wine', 32, false, 'christmas', 6),
  item('Muscadet sur lie 75 cl', 'wine', 8.5, false, 'summer', 6),
  item('Crozes-Hermitage 75 cl', 'wine', 19.5, false, 'winter', 6),
  item('Bourgogne pinot noir 75 cl', 'wine', 22, false, 'winter', 6),
  item('Beaujolais-Villages 75 cl', 'wine', 9.5, false, 'flat', 6),
  item('Champagne brut 75 cl', 'spirits', 34, false, 'christmas', 6),
  item('Champagne rosé 75 cl', 'spirits', 45, false, 'christmas', 6),
  item('Crémant de Loire 75 cl', 'spirits', 13.5, false, 'christmas', 6),
  item('Cognac VSOP 70 cl', 'spirits', 52, false, 'christmas', 6),
  item("Calvados Pays d'Auge 70 cl", 'spirits', 38, false, 'winter', 6),
  item('Armagnac 10 ans 70 cl', 'spirits', 49, false, 'winter', 6),
  item('Pastis 1 L', 'spirits', 24, false, 'summer', 6),
  item('Gin artisanal 70 cl', 'spirits', 36, false, 'summer', 6),
  item('Whisky tourbé 70 cl', 'spirits', 55, false, 'winter', 6),
  item('Comté 18 mois 500 g', 'cheese', 14.5, true, 'christmas', 8),
  item('Camembert de Normandie AOP', 'cheese', 5.9, true, 'winter', 12),
  item('Roquefort 300 g', 'cheese', 8.9, true, 'winter', 10),
  item('Brie de Meaux 500 g', 'cheese', 11.9, true, 'flat', 8),
  item("Mont d'Or 500 g", 'cheese', 16.5, true, 'winter', 6),
  item('Chèvre frais x2', 'cheese', 6.4, true, 'summer', 12),
  item("Beaufort d'été 400 g", 'cheese', 15.9, true, 'flat', 8),
  item('Raclette tranchée 800 g', 'cheese', 17.9, true, 'winter', 6),
  item('Saumon fumé 200 g', 'deli', 14.9, true, 'christmas', 10),
  item('Foie gras mi-cuit 300 g', 'deli', 36, true, 'christmas', 6),
  item('Jambon de Bayonne 12 tranches', 'deli', 15.5, true, 'flat', 10),
  item('Terrine de campagne 500 g', 'deli', 9.9, true, 'flat', 10),
  item('Huîtres n°3 x24', 'deli', 28, true, 'christmas', 4),
  item('Plateau de charcuterie', 'deli', 18.9, true, 'summer', 8),
  item('Saucisson sec 350 g', 'deli', 9.5, true, 'flat', 12),
  item("Caviar d'Aquitaine 30 g", 'deli', 58, true, 'christmas', 4),
  item("Huile d'olive vierge extra 75 cl", 'pantry', 16.9, false, 'flat', 6),
  item('Chocolats assortiment 400 g', 'pantry', 24, false, 'christmas', 8),
  item('Miel de lavande 500 g', 'pantry', 11.5, false, 'flat', 12),
  item('Confiture extra abricot 370 g', 'pantry', 6.9, false, 'flat', 12),
  item("Moutarde à l'ancienne 210 g", 'pantry', 4.9, false, 'flat', 12),
  item('Café grand cru 500 g', 'pantry', 15.9, false, 'flat', 12),
  item("Calissons d'Aix 250 g", 'pantry', 14.5, false, 'christmas', 10),
  item('Sablés bretons 250 g', 'pantry', 5.9, false, 'flat', 12),
  item('Thé vert jasmin 100 g', 'pantry', 9.9, false, 'winter', 12),
  item('Vinaigre balsamique 25 cl', 'pantry', 12.5, false, 'flat', 12),
  item('Fleur de sel de Guérande 250 g', 'pantry', 7.5, false, 'summer', 12),
];

/** Slow, lumpy sellers: sold a few times a month, sometimes by the dozen (corporate gifts). */
export const intermittentCatalogue: readonly CatalogueItem[] = [
  item('Coffret dégustation grands crus', 'wine', 89, false, 'christmas', 1),
  item('Magnum de champagne', 'spirits', 79, false, 'christmas', 1),
  item('Panier garni prestige', 'pantry', 65, false, 'christmas', 1),
  item('Appareil à raclette', 'pantry', 45, false, 'winter', 1),
  item('Coffret whisky 3 x 20 cl', 'spirits', 49, false, 'flat', 1),
  item('Jéroboam Côtes-du-Rhône 3 L', 'wine', 60, false, 'summer', 1),
  item('Cave à cigares', 'pantry', 69, false, 'flat', 1),
  item('Coffret foie gras et confits', 'pantry', 55, false, 'christmas', 1),
];

/** Name variants used when the catalogue is cycled: each changes the price. */
export const variants: ReadonlyArray<readonly [suffix: string, priceFactor: number]> = [
  ['', 1],
  [' bio', 1.25],
  [' grande réserve', 1.6],
  [' sélection', 1.35],
  [' format découverte', 0.7],
  [' coffret', 1.9],
];

/** Suppliers per category (accents on purpose: the supplies file is a Windows-1252 export). */
export const suppliers: Readonly<Record<string, readonly string[]>> = {
  wine: ['Domaine Château-Lévêque', 'Vignobles Bérard & Fils', 'Caves Coopératives de Rhône-Méditerranée'],
  spirits: ['Maison Ducrès Champagne', 'Distillerie Mérinville'],
  cheese: ['Fromagerie Lefèvre & Fils', 'Affinage Gérôme', 'Laiterie Coopérative de Bretagne'],
  deli: ['Salaisons Gérard', 'Fumaisons de la Côte d\'Émeraude', 'Maison Béranger Traiteur'],
  pantry: ['Épicerie Générale du Sud', 'Comptoir Français des Épices', 'Chocolaterie Hélène'],
}

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
